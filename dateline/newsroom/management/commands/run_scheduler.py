import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand

from dateline.newsroom.scheduler import scheduler_loop, scheduler_pass


class Command(BaseCommand):
    help = (
        "Publish scheduled pages as they fall due, until stopped. The embedded profile runs "
        "this inside its ASGI process; run it once beside several web processes instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=settings.DATELINE_SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        if once:
            due = scheduler_pass()
            self.stdout.write(f"Scheduler: published {due} scheduled revision(s).")
            return
        self.stdout.write(f"Scheduler: publishing due pages every {interval}s.")
        asyncio.run(scheduler_loop(interval))
