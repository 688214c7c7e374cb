"""Scheduled publishing inside the ASGI process (embedded profile): one process serves
pages and streams and publishes what falls due, so publish events reach its readers."""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import sync_to_async

from dateline.core.periodic import periodic_run
from dateline.newsroom.services import scheduled_publish_run

logger = logging.getLogger(__name__)


async def scheduler_loop(interval: float) -> None:
    while True:
        try:
            due = await sync_to_async(scheduled_publish_run, thread_sensitive=False)()
            if due:
                logger.info("Scheduler: published %d scheduled revision(s).", due)
            await sync_to_async(periodic_run, thread_sensitive=False)()
        except Exception:  # one failed pass must not end the loop
            logger.exception("Scheduler pass failed")
        await asyncio.sleep(interval)
