import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from dateline.core.background import BACKGROUND
from dateline.core.connections import FailureStreak

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
        failures, failed_at = FailureStreak(logger, "Worker", every=20), 0.0
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
                    *(["--no-startup-delay"] if failures.count else []),
                    verbosity=options["verbosity"],
                )
                return
            except DatabaseError:
                # db_worker does not say when it works again: a failure long after the last
                # one begins a new streak.
                if time.monotonic() - failed_at > CALM:
                    failures.count = 0
                failures.failed()
                failed_at = time.monotonic()
                connections.close_all()
                time.sleep(failures.backoff(interval, MAX_BACKOFF))
