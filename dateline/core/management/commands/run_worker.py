import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from dateline.core.background import BACKGROUND

logger = logging.getLogger(__name__)

MAX_BACKOFF = 30.0
CALM = 300.0  # seconds without a failure after which an outage counts as a new one


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks' db_worker) until stopped, and carry on "
        "after the database goes away and comes back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, interval: float, **options):
        failures, failed_at = 0, 0.0
        while True:
            try:
                # Returns when it is told to stop (SIGINT, SIGTERM); raises when the
                # database fails under it.
                call_command(
                    "db_worker",
                    "--backend",
                    BACKGROUND,
                    "--interval",
                    str(interval),
                    "--no-reload",
                    *(["--no-startup-delay"] if failures else []),
                    verbosity=options["verbosity"],
                )
                return
            except DatabaseError:
                if time.monotonic() - failed_at > CALM:
                    failures = 0
                failures, failed_at = failures + 1, time.monotonic()
                if failures == 1 or failures % 20 == 0:
                    logger.exception("Worker: the database failed (%d in a row)", failures)
                connections.close_all()
                time.sleep(min(MAX_BACKOFF, interval * 2 ** min(failures, 8)))
