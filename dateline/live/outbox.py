"""One outbox watcher per process: it reads new events from the database and hands them to
every newsfeed stream this process serves.

The outbox table is the only path an event takes to readers, whatever process published
it (a web process, the scheduler, the worker, a `manage.py` command) and whether or not
Redis is up: each process polls it once per interval (one indexed query, however many
readers it has), and streams wait on in-memory queues. Streams hold no database
connection and no thread; the watcher's reads run in its own single thread, on one
connection, which it closes whenever nobody is reading and after any error, so that a
restarted database is simply reconnected to.

Events commit in id order (see `services._outbox_lock`), so the watcher's cursor only
ever passes committed events: nothing published is skipped. The last `keep` public
events stay in memory, so a reconnecting reader is usually replayed without a query.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import connection

from dateline.core.connections import FailureStreak, with_fresh_connection

logger = logging.getLogger(__name__)

BATCH = 500
KEEP = 1000
MAX_BACKOFF = 5.0

Message = dict[str, Any]


@dataclass(eq=False)
class Subscription:
    """One stream's place at the watcher: a bounded queue of messages for it."""

    locale_id: int
    queue: asyncio.Queue[Message]
    start_id: int
    overflowed: bool = False
    backlog: list[Message] = field(default_factory=list)

    def offer(self, message: Message) -> None:
        """Queue a message; a reader who lets the queue fill is dropped, not waited for
        (its browser reconnects with Last-Event-ID and is replayed what it missed)."""
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True


def _connection_close() -> None:
    connection.close()


class OutboxWatcher:
    def __init__(self, *, interval: float, keep: int = KEEP) -> None:
        self.interval = interval
        self.keep = keep
        self.cursor: int | None = None  # the last event id handed out
        self.floor = 0  # every public event after this id is in `recent`
        self.recent: deque[Message] = deque()
        self.subscriptions: dict[int, set[Subscription]] = {}
        self.locales: dict[str, int] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")
        self.wake = asyncio.Event()
        self.active = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.failures = FailureStreak(logger, "Outbox watcher: reading the outbox")
        self.epoch = 0  # moves on when the watcher idles: reads begun before are stale

    async def database(self, function: Callable[..., Any], **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, partial(with_fresh_connection, function, **kwargs)
        )

    async def locale_id(self, language_code: str) -> int | None:
        from dateline.live.selectors import edition_locale_id

        if language_code not in self.locales:
            found = await self.database(edition_locale_id, language_code=language_code)
            if not self.subscriptions:
                await self.database(_connection_close)  # held only while somebody reads
            if found is None:
                return None
            self.locales[language_code] = found
        return self.locales[language_code]

    async def subscribe(
        self, *, locale_id: int, last_id: int | None, buffer_size: int
    ) -> Subscription:
        """A place for a new stream, with `backlog`: the events after `last_id` it missed."""
        from dateline.live.selectors import news_event_latest_id, news_events_since

        if self.cursor is None:
            latest = await self.database(news_event_latest_id)
            if self.cursor is None:  # another reader may have set it meanwhile
                self.cursor = self.floor = latest
        subscription = Subscription(
            locale_id=locale_id, queue=asyncio.Queue(maxsize=buffer_size), start_id=self.cursor
        )
        # Registered before anything is read: what arrives from now on is queued for it.
        self.subscriptions.setdefault(locale_id, set()).add(subscription)
        self.active.set()
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._run())
        if last_id is None or last_id >= self.cursor:
            return subscription
        if last_id >= self.floor:
            subscription.backlog = [
                m for m in self.recent if m["id"] > last_id and m["locale"] == locale_id
            ]
            return subscription
        try:
            events = await self.database(news_events_since, locale_id=locale_id, after_id=last_id)
        except Exception:
            await self.unsubscribe(subscription)
            raise
        replayed = [event.as_message() for event in events]
        newest = replayed[-1]["id"] if replayed else last_id
        subscription.backlog = replayed + [
            m for m in self.recent if m["id"] > newest and m["locale"] == locale_id
        ]
        return subscription

    async def unsubscribe(self, subscription: Subscription) -> None:
        readers = self.subscriptions.get(subscription.locale_id, set())
        readers.discard(subscription)
        if not readers:
            self.subscriptions.pop(subscription.locale_id, None)
        if not self.subscriptions:
            self.active.clear()
            # Nobody reads: forget the place (the next reader starts from the newest event,
            # not from what was published while nobody read), and hold no connection.
            self.epoch += 1
            self.cursor, self.floor = None, 0
            self.recent.clear()
            await self.database(_connection_close)

    async def _run(self) -> None:
        from dateline.live.selectors import news_events_after

        while True:
            await self.active.wait()
            epoch, after = self.epoch, self.cursor
            if after is None:  # a reader is subscribing and reads the newest id first
                await asyncio.sleep(self.interval)
                continue
            try:
                cursor, events, more = await self.database(
                    news_events_after, after_id=after, limit=BATCH
                )
            except Exception:  # noqa: BLE001 - any failure: back off and read again
                self.failures.failed()
                await asyncio.sleep(self.failures.backoff(self.interval, MAX_BACKOFF))
                continue
            self.failures.succeeded()
            if epoch != self.epoch:
                continue  # everybody left while we read; whoever came since starts afresh
            for event in events:
                self._hand_out(event.as_message())
            self.cursor = cursor
            if more:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.interval)
            self.wake.clear()

    def _hand_out(self, message: Message) -> None:
        if message["kind"] == "unpublished":
            # A reader replayed later must not get the withdrawn page's headline at all.
            self.recent = deque(m for m in self.recent if m["page"] != message["page"])
        elif message["kind"] == "entry-deleted":  # nor a deleted entry's words
            self.recent = deque(m for m in self.recent if m.get("entry") != message["entry"])
        self.recent.append(message)
        while len(self.recent) > self.keep:
            self.floor = self.recent.popleft()["id"]
        for subscription in self.subscriptions.get(message["locale"], ()):
            subscription.offer(message)


_watchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, OutboxWatcher] = (
    weakref.WeakKeyDictionary()
)


def outbox_watcher() -> OutboxWatcher:
    """This event loop's watcher (one per process in a server; tests may run several loops)."""
    loop = asyncio.get_running_loop()
    watcher = _watchers.get(loop)
    if watcher is None:
        watcher = _watchers[loop] = OutboxWatcher(interval=settings.DATELINE_LIVE_POLL)
    return watcher


def outbox_wake() -> None:
    """Tell this process's watchers to read now (called after an event commits, from any
    thread); other processes find the event on their next poll."""
    for loop, watcher in list(_watchers.items()):
        if not loop.is_closed():
            loop.call_soon_threadsafe(watcher.wake.set)
