"""A server process's reader of a table that other processes append to (changes to its
page cache, messages for its sockets), when no message broker joins the processes.

One indexed query per pass, in its own thread and connection, whatever the traffic; rows
this process wrote itself (its `PROCESS_ID` as their origin) are skipped, for it applied
them as it wrote them. Ids are read with an overlap and remembered, so that a row that
committed after one with a higher id (concurrent writers on PostgreSQL) is still applied,
and none twice. A failed read (the database restarting) is retried with a growing wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db.models import Model

from dateline.core.connections import FailureStreak, with_fresh_connection

logger = logging.getLogger(__name__)

# Who wrote a row: rows of this process are applied when written, not when read back.
PROCESS_ID = uuid.uuid4().hex

OVERLAP = 200  # ids read again on each pass
BATCH = 500
MAX_BACKOFF = 5.0


@dataclass
class RowWatcher:
    """Hands the `fields` of every new row of `model` (which has `id` and `origin`) to
    `apply`, as a tuple."""

    name: str
    interval: float
    model: type[Model]
    fields: tuple[str, ...]
    apply: Callable[[tuple[Any, ...]], Any]  # a coroutine function is awaited
    cursor: int | None = None
    seen: set[int] = field(default_factory=set)

    async def run(self) -> None:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
        failures = FailureStreak(logger, f"{self.name}: reading new rows")
        loop = asyncio.get_running_loop()

        async def database(function: Callable[..., Any], *args: Any) -> Any:
            return await loop.run_in_executor(
                executor, partial(with_fresh_connection, partial(function, *args))
            )

        try:
            while True:
                try:
                    if self.cursor is None:
                        # What was written before this process began is not its business.
                        self.cursor = await database(self._newest)
                        self.seen = {
                            row_id for row_id, _, _ in await database(self._rows_after, self._low())
                        }
                    rows = await database(self._rows_after, self._low())
                except Exception:  # noqa: BLE001 - any failure: back off and read again
                    failures.failed()
                    await asyncio.sleep(failures.backoff(self.interval, MAX_BACKOFF))
                    continue
                failures.succeeded()
                await self._hand_out(rows)
                if len(rows) < BATCH:
                    await asyncio.sleep(self.interval)
        finally:
            executor.shutdown(wait=False)

    def _newest(self) -> int:
        return self.model.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def _rows_after(self, after_id: int) -> list[tuple[int, str, tuple[Any, ...]]]:
        rows = (
            self.model.objects.filter(id__gt=after_id)
            .order_by("id")
            .values_list("id", "origin", *self.fields)[:BATCH]
        )
        return [(row[0], row[1], tuple(row[2:])) for row in rows]

    def _low(self) -> int:
        return max(0, (self.cursor or 0) - OVERLAP)

    async def _hand_out(self, rows: Sequence[tuple[int, str, Any]]) -> None:
        for row_id, origin, row in rows:
            if row_id in self.seen:
                continue
            self.seen.add(row_id)
            self.cursor = max(self.cursor or 0, row_id)
            if origin == PROCESS_ID:
                continue
            try:
                applied = self.apply(row)
                if inspect.isawaitable(applied):
                    await applied
            except Exception:
                logger.exception("%s: applying row %s failed", self.name, row_id)
        low = self._low()
        self.seen = {row_id for row_id in self.seen if row_id > low}


@contextlib.asynccontextmanager
async def rows_watched(*watchers: RowWatcher) -> AsyncIterator[None]:
    """Run `watchers` for as long as the block (a server's lifespan) lasts."""
    tasks = [asyncio.create_task(watcher.run()) for watcher in watchers]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
