"""Scheduled publishing inside the ASGI process (embedded profile): one process serves
pages and streams and publishes what falls due, so publish events reach its readers."""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import sync_to_async

from dateline.core.connections import FailureStreak, with_fresh_connection
from dateline.core.periodic import periodic_run
from dateline.newsroom.services import scheduled_publish_run

logger = logging.getLogger(__name__)


def scheduler_pass() -> int:
    """Publish what is due, then every app's periodic work; returns how many were due."""
    due = scheduled_publish_run()
    periodic_run()
    return due


async def scheduler_loop(interval: float) -> None:
    """Run a pass every `interval` seconds, whatever happens to one of them.

    A pass that fails (the database restarting, say) is logged once, not every time, and
    its connection is dropped: the next pass reconnects, and the first one that works
    says so.
    """
    failures = FailureStreak(logger, "Scheduler pass")
    while True:
        try:
            due = await sync_to_async(with_fresh_connection, thread_sensitive=False)(scheduler_pass)
        except Exception:  # one failed pass must not end the loop
            failures.failed()
        else:
            failures.succeeded()
            if due:
                logger.info("Scheduler: published %d scheduled revision(s).", due)
        await asyncio.sleep(interval)
