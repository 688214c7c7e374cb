"""Django's work for each HTTP request: its WSGI handler, on one of a few long-lived threads.

The ASGI server is kept for what only it can do (streams, sockets, pages from memory);
Django's own pages are plain synchronous code. Through Django's ASGI handler each request
crossed between the event loop and threads at every middleware and signal: the article
page cost 12–14 ms there against 6 ms through its WSGI handler (same process, same page).
Here the body is read on the loop, then the whole request runs through the WSGI handler
on one of N single-thread executors, each request borrowing one for its whole life: its
thread and database connection are reused by the next request (CONN_MAX_AGE keeps them),
and N bounds how many requests run Django code at once; the rest wait their turn instead
of piling up threads. A response with its content is built whole in the thread and sent
at once; a streaming one (a file) is read chunk by chunk, a thread borrowed for each.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile
from typing import Any

from asgiref.sync import AsyncToSync, sync_to_async
from asgiref.wsgi import WsgiToAsgiInstance

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

BODY_IN_MEMORY = 1024 * 1024  # larger request bodies (photo uploads) go to a temporary file


class RequestThreadsApp:
    """ASGI application around Django's WSGI handler: HTTP requests on `threads` threads."""

    def __init__(self, wsgi: WSGIApp, *, threads: int) -> None:
        self.wsgi = wsgi
        self.threads = threads
        # One set per event loop (a test may run several servers, one after the other).
        self._free: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Queue[ThreadPoolExecutor]
        ] = weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with SpooledTemporaryFile(max_size=BODY_IN_MEMORY) as body:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            try:
                environ = _environ(scope, body)
            except ValueError:  # asgiref's limit on repeated headers
                await send({"type": "http.response.start", "status": 400, "headers": []})
                await send({"type": "http.response.body", "body": b"Bad Request"})
                return
            # Called from synchronous code through async_to_sync (a test driving the app
            # in process), Django's work belongs on that caller's thread, with its
            # connection and transaction.
            if getattr(AsyncToSync.executors, "current", None):
                await self._respond(environ, send, lambda *call: sync_to_async(call[0])(*call[1:]))
                return
            await self._respond(environ, send, self._on_a_request_thread)

    async def _on_a_request_thread(self, *call: Any) -> Any:
        """`call` on the request thread used last that is free (its caches are warm)."""
        free = self._queue()
        executor = await free.get()
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, *call)
        finally:
            free.put_nowait(executor)

    async def _respond(
        self, environ: dict[str, Any], send: Send, run: Callable[..., Awaitable[Any]]
    ) -> None:
        status, headers, content, stream = await run(self._start, environ)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if stream is None:
            await send({"type": "http.response.body", "body": content})
            return
        # A thread for each chunk, not for the whole download: a slow reader of a large
        # file does not keep a thread from the pages (the chunks only read a file).
        try:
            while (chunk := await run(next, stream, None)) is not None:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await run(_close, stream)

    def _start(
        self, environ: dict[str, Any]
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, Iterator[bytes] | None]:
        """In the request's thread: the response's status, headers and whole content, or
        (for a streaming response) an iterator over its chunks instead of the content."""
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            started[:] = [(status, headers)]

        response = self.wsgi(environ, start_response)
        status, headers = started[0]
        encoded = [(n.lower().encode("latin-1"), v.encode("latin-1")) for n, v in headers]
        code = int(status.split(" ", 1)[0])
        if getattr(response, "streaming", False):
            return code, encoded, b"", _Chunks(response)
        try:
            return code, encoded, b"".join(response), None
        finally:
            _close(response)

    def _queue(self) -> asyncio.Queue[ThreadPoolExecutor]:
        loop = asyncio.get_running_loop()
        free = self._free.get(loop)
        if free is None:
            free = self._free[loop] = asyncio.LifoQueue()
            for number in range(self.threads):
                free.put_nowait(
                    ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{number}")
                )
        return free


class _Chunks:
    """A streaming response's chunks, and the response to close after them."""

    def __init__(self, response: Iterable[bytes]) -> None:
        self.response = response
        self.chunks = iter(response)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        return next(self.chunks)

    def close(self) -> None:
        _close(self.response)


def _close(response: Any) -> None:
    """Django signals the request's end (and closes a file it served) when it is closed."""
    close = getattr(response, "close", None)
    if close is not None:
        close()


def _environ(scope: Scope, body: Any) -> dict[str, Any]:
    # asgiref's own translation of an ASGI scope into a WSGI environ.
    translator = WsgiToAsgiInstance(None)
    translator.scope = scope
    return translator.build_environ(scope, body)
