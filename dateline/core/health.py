"""`/healthz/`, the caching proxy's probe, answered on the event loop in front of Django.

Through Django it would wait in line with the pages: an overloaded process would miss its
probes, the proxy would call it sick and refuse everyone instead of serving slowly. Here it
answers at once with what the last check found; the database is asked at most once a
second, in a thread of its own. 503 when the database cannot be reached: the proxy then
serves its cached pages rather than errors.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from django.db import DatabaseError, InterfaceError, connection

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

PATH = "/healthz/"
CHECK_EVERY = 1.0
CHECK_TIMEOUT = 2.0


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except (DatabaseError, InterfaceError):
        return False
    finally:
        connection.close()  # back to the pool, or closed: a probe keeps nothing


class HealthApp:
    def __init__(self) -> None:
        self.healthy = False
        self.checked_at = float("-inf")
        self.lock = asyncio.Lock()

    def handles(self, scope: Scope) -> bool:
        return scope["type"] == "http" and scope["path"] == PATH

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if time.monotonic() - self.checked_at > CHECK_EVERY:
            async with self.lock:
                if time.monotonic() - self.checked_at > CHECK_EVERY:
                    self.healthy = await self._check()
                    self.checked_at = time.monotonic()
        status, body = (200, b"ok\n") if self.healthy else (503, b"database unreachable\n")
        headers = [(b"content-type", b"text/plain"), (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _check(self) -> bool:
        try:
            return await asyncio.wait_for(asyncio.to_thread(database_reachable), CHECK_TIMEOUT)
        except TimeoutError:
            return False
