"""Django's synchronous work for each request on one of a few long-lived threads.

Under ASGI, Django runs a request's sync code (middleware, views, templates) in a
thread-sensitive context of its own, and asgiref gives each such context a new thread.
Database connections belong to threads, so every request opened a new one: SQLite reopened
with its PRAGMAs and functions, PostgreSQL a new session (or a trip to the pool), the
thread started and stopped: most of an uncached page's time. Here each request borrows one
of N single-thread executors for its whole life, so its thread and connection are reused
by the next request (CONN_MAX_AGE keeps them); N also bounds how many requests run Django
code at once, the rest wait their turn in order instead of piling up threads.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import AsyncToSync, ThreadSensitiveContext

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class RequestThreadsApp:
    """ASGI wrapper around Django's handler: HTTP requests on `threads` reused threads."""

    def __init__(self, app: App, *, threads: int) -> None:
        self.app = app
        self.threads = threads
        # One set per event loop (a test may run several servers, one after the other).
        self._free: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Queue[ThreadPoolExecutor]
        ] = weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Called from synchronous code through async_to_sync (a test driving the app in
        # process), Django's work belongs on that caller's thread, with its connection and
        # transaction, as asgiref would have it.
        if scope["type"] != "http" or getattr(AsyncToSync.executors, "current", None):
            await self.app(scope, receive, send)
            return
        free = self._queue()
        executor = await free.get()
        try:
            # Given an executor, asgiref sends every thread-sensitive call of this request
            # to it, Django's own per-request context included.
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
        finally:
            free.put_nowait(executor)

    def _queue(self) -> asyncio.Queue[ThreadPoolExecutor]:
        loop = asyncio.get_running_loop()
        free = self._free.get(loop)
        if free is None:
            free = self._free[loop] = asyncio.Queue()
            for number in range(self.threads):
                free.put_nowait(
                    ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{number}")
                )
        return free
