import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand

from dateline.core.scheduler import scheduler_loop, scheduler_pass


class Command(BaseCommand):
    help = (
        "Run every app's periodic work (publish scheduled pages as they fall due, digests, "
        "wire polls), until stopped. The embedded profile runs this inside its ASGI process; "
        "run it once beside several web processes instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=settings.DATELINE_SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        if once:
            done = scheduler_pass()
            for report in done or ["nothing was due"]:
                self.stdout.write(f"Scheduler: {report}.")
            return
        self.stdout.write(f"Scheduler: a pass every {interval}s.")
        asyncio.run(scheduler_loop(interval))
