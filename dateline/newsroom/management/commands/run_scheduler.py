import time

from django.conf import settings
from django.core.management.base import BaseCommand

from dateline.newsroom.services import scheduled_publish_run


class Command(BaseCommand):
    help = "Publish scheduled pages as they fall due, until stopped (started by `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=settings.DATELINE_SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        self.stdout.write(f"Scheduler: publishing due pages every {interval}s.")
        while True:
            try:
                due = scheduled_publish_run()
            except Exception as error:
                self.stderr.write(f"Scheduler pass failed: {error!r}")
            else:
                if due:
                    self.stdout.write(f"Scheduler: published {due} scheduled revision(s).")
            if once:
                return
            time.sleep(interval)
