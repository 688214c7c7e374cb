"""Changes that every web process must apply to the pages and reads it keeps in memory.

In the embedded profile each process keeps its own pages (`page_store`) and cached reads
(`cache_generation`), so a change made in one process (an editor's publish, the
scheduler's, a command's) has to reach the others. It travels as a row written in the
change's own transaction, so it exists exactly when the change does; the process that
made it applies it as it commits, every other process's watcher reads it within
`DATELINE_PAGE_CACHE_POLL` seconds (one indexed query per pass, whatever the traffic).

Ids are read with an overlap and remembered, so that a row committed after one with a
higher id (PostgreSQL without Redis) is still applied, and none is applied twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dateline.core.cache_generation import cache_generation_bump
from dateline.core.connections import FailureStreak, with_fresh_connection
from dateline.core.models import CacheInvalidation
from dateline.core.page_cache import page_cache_enabled, page_store

logger = logging.getLogger(__name__)

OVERLAP = 200  # ids read again on each pass, for rows that committed out of id order
BATCH = 500
KEPT_FOR = timedelta(days=1)
MAX_BACKOFF = 5.0


def invalidation_record(keys: Iterable[str], *, withdrawn: bool) -> None:
    """Have every web process forget the pages `keys` name, once this transaction commits."""
    names = " ".join(sorted({key for key in keys if key}))
    if not names or not page_cache_enabled():
        return
    row = CacheInvalidation.objects.create(keys=names, withdrawn=withdrawn)
    transaction.on_commit(partial(_apply, row.id, names, withdrawn))


def invalidations_prune() -> int:
    """Rows older than any process still needs (a scheduler pass)."""
    deleted, _ = CacheInvalidation.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted


def _apply(row_id: int, keys: str, withdrawn: bool) -> bool:
    if page_store().forget(keys.split(), withdrawn=withdrawn, change_id=row_id) < 0:
        return False
    cache_generation_bump()  # this process's cached reads (chrome, listings)
    return True


def _newest_id() -> int:
    newest = CacheInvalidation.objects.order_by("-id").values_list("id", flat=True).first()
    return newest or 0


def _rows_after(after_id: int) -> list[tuple[int, str, bool]]:
    return list(
        CacheInvalidation.objects.filter(id__gt=after_id)
        .order_by("id")
        .values_list("id", "keys", "withdrawn")[:BATCH]
    )


class InvalidationWatcher:
    """Reads what other processes changed and applies it here; one per server process."""

    def __init__(self, *, interval: float) -> None:
        self.interval = interval
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invalidations")
        self.failures = FailureStreak(logger, "Page cache: reading invalidations")
        self.cursor: int | None = None

    async def run(self) -> None:
        loop = asyncio.get_running_loop()

        async def database(function, **kwargs):
            return await loop.run_in_executor(
                self.executor, partial(with_fresh_connection, function, **kwargs)
            )

        while True:
            try:
                starting = self.cursor is None
                if starting:
                    # Pages kept from now on are rendered after every change so far.
                    self.cursor = await database(_newest_id)
                rows = await database(_rows_after, after_id=max(0, self.cursor - OVERLAP))
                if starting:
                    page_store().applied_before(row_id for row_id, _keys, _withdrawn in rows)
            except Exception:
                self.failures.failed()
                await asyncio.sleep(self.failures.backoff(self.interval, MAX_BACKOFF))
                continue
            self.failures.succeeded()
            for row_id, keys, withdrawn in rows:
                _apply(row_id, keys, withdrawn)
                self.cursor = max(self.cursor, row_id)
            # Only ids inside the overlap can come back.
            page_store().applied_forget(below=self.cursor - OVERLAP)
            if len(rows) < BATCH:
                await asyncio.sleep(self.interval)


@contextlib.asynccontextmanager
async def invalidation_watching():
    """Keep this process's pages in step with every other's while the server runs."""
    if not page_cache_enabled():
        yield
        return
    watcher = InvalidationWatcher(interval=settings.DATELINE_PAGE_CACHE_POLL)
    task = asyncio.create_task(watcher.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        watcher.executor.shutdown(wait=False)
