"""The scheduler: every app's periodic work (scheduled publishing, due digests, wire
polls, purges), pass after pass, inside the ASGI process (embedded profile: one process
serves pages and streams and publishes what falls due) or as `manage.py run_scheduler`."""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import sync_to_async

from dateline.core.connections import FailureStreak, with_fresh_connection
from dateline.core.periodic import periodic_run

logger = logging.getLogger(__name__)


def scheduler_pass() -> list[str]:
    """Every app's periodic work, once; what it did (see `periodic_run`)."""
    return periodic_run()


async def scheduler_loop(interval: float) -> None:
    """Run a pass every `interval` seconds, whatever happens to one of them.

    A pass that fails (the database restarting, say) is logged once, not every time, and
    its connection is dropped: the next pass reconnects, and the first one that works
    says so.
    """
    failures = FailureStreak(logger, "Scheduler pass")
    while True:
        try:
            done = await sync_to_async(with_fresh_connection, thread_sensitive=False)(
                scheduler_pass
            )
        except Exception:  # noqa: BLE001 - one failed pass must not end the loop
            failures.failed()
        else:
            failures.succeeded()
            for report in done:
                logger.info("Scheduler: %s.", report)
        await asyncio.sleep(interval)
