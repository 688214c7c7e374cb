"""The newsfeed stream as a plain ASGI application, in front of Django.

A stream lives for minutes or hours. Through Django's request handler each one would keep
a thread and a database connection for its whole life (sync middleware and the request's
thread-sensitive context); here it keeps neither: the outbox watcher reads for everyone,
and the stream only waits. Nothing personal is read: no session, no cookie, no CSRF.

`GET /<edition>/live/newsfeed/` · `?section=ID` narrows it to a section · `?article=ID`
adds that article's comment notices · `?liveblog=ID` adds that live
blog's entries · `Last-Event-ID` (or `?last_event_id=`) resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from dateline.core.ids import id_from_text
from dateline.live.groups import comments_group
from dateline.live.outbox import outbox_watcher
from dateline.live.streams import newsfeed_events

logger = logging.getLogger(__name__)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"x-accel-buffering", b"no"),  # proxies pass each event on at once
]


def newsfeed_path() -> re.Pattern[str]:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?P<language>{languages})/live/newsfeed/$")


class NewsfeedApp:
    def __init__(self) -> None:
        self.path = newsfeed_path()

    def handles(self, scope: Scope) -> bool:
        return scope["type"] == "http" and self.path.match(scope["path"]) is not None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        language = self.path.match(scope["path"])["language"]
        with translation.override(language):
            if scope["method"] not in ("GET", "HEAD"):
                await _plain(send, 405, _("Only GET is allowed here."), [(b"allow", b"GET")])
                return
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            headers = dict(scope["headers"])
            try:
                section_id = id_from_text(_first(query, "section"))
                article_id = id_from_text(_first(query, "article"))
                liveblog_id = id_from_text(_first(query, "liveblog"))
                last_id = id_from_text(
                    headers.get(b"last-event-id", b"").decode("latin-1")
                    or _first(query, "last_event_id")
                )
            except ValueError:
                await _plain(send, 400, _("Event ids and section ids are whole numbers."))
                return
            try:
                locale_id = await outbox_watcher().locale_id(language)
            except Exception:  # noqa: BLE001 - no database: the reader is told, not dropped
                await _plain(send, 503, _("The newsfeed is unavailable; it will be back soon."))
                return
            if locale_id is None:
                await _plain(send, 404, _("There is no such edition."))
                return
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        events = newsfeed_events(
            locale_id=locale_id,
            section_id=section_id,
            last_id=last_id,
            keepalive=settings.DATELINE_LIVE_KEEPALIVE,
            buffer_size=settings.DATELINE_LIVE_CLIENT_BUFFER,
            extra_groups=(comments_group(article_id),) if article_id is not None else (),
            liveblog_id=liveblog_id,
        )
        streaming = asyncio.create_task(_stream(events, send))
        disconnected = asyncio.create_task(_disconnect(receive))
        try:
            await asyncio.wait({streaming, disconnected}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (streaming, disconnected):
                task.cancel()
            for task in (streaming, disconnected):
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await events.aclose()


async def _stream(events: Any, send: Send) -> None:
    try:
        async for chunk in events:
            await send({"type": "http.response.body", "body": chunk.encode(), "more_body": True})
    except Exception:  # the database was unreachable on replay, say: the browser retries
        logger.exception("Newsfeed stream ended by an error")
    await send({"type": "http.response.body", "body": b""})  # ended: the browser reconnects


async def _disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _plain(
    send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"cache-control", b"no-store"),
                *(extra or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": message.encode()})


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None
