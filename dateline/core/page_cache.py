"""The embedded profile's page cache: anonymous HTML served from memory before Django runs.

Django decides what may be cached (`PublicCacheHeadersMiddleware` marks a response
`Cache-Control: public` only when nothing personal went into it, and names what it shows
in surrogate keys); the ASGI wrapper keeps such responses in this process's `page_store`
and answers later requests for them without entering Django. A change forgets the pages
whose keys it names (`cache_invalidations`), as the scale profile's caching proxy is
purged by the same keys.

One request renders a page that is missing or stale; readers who ask for it meanwhile get
the stale copy, or wait for that one render (single flight): a publish or a cold start
never sends every reader to the database at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import re
import time
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import parse_http_date_safe

from dateline.core.cache_generation import cached_reads_per_process
from dateline.core.page_store import UNKEYED, PageStore, StoredPage
from dateline.core.surrogate_keys import HEADER, keys_add

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

BROWSER_MAX_AGE = 30
SHARED_MAX_AGE = 300
SHARED_MAX_AGE_PURGED = 3600
PAGE_CACHE_SECONDS = 600
# A reader waiting for another request's render of the same page gives up after this and
# has the page rendered for itself.
SHARED_RENDER_WAIT = 10.0
KEYS_HEADER = HEADER.encode()


def page_cache_enabled() -> bool:
    """Whether this process keeps pages: the embedded profile's, whose cache is in memory.
    With Redis configured the caching proxy in front does this job for every process."""
    return settings.DATELINE_PAGE_CACHE and cached_reads_per_process()


@cache
def page_store() -> PageStore:
    return PageStore(max_bytes=settings.DATELINE_PAGE_CACHE_MB * 1024 * 1024)


def _public_path_pattern() -> re.Pattern[str]:
    languages = "|".join(re.escape(code) for code, _ in settings.LANGUAGES)
    # Not sign-in pages (personal) nor the newsfeed stream (endless, never stored); the
    # sitemaps and robots.txt at the root.
    return re.compile(
        rf"^/(?:(?:{languages})/(?!accounts/|live/newsfeed/)|sitemap[^/]*\.xml$|robots\.txt$)"
    )


class PublicCacheHeadersMiddleware(MiddlewareMixin):
    """Mark anonymous, impersonal public pages as cacheable by anyone.

    A MiddlewareMixin so it runs in sync and async stacks alike, without thread hops.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.public_path = _public_path_pattern()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if self._impersonal(request, response):
            keys = getattr(request, "surrogate_keys", set())
            # A response that names what it shows is purged when that changes: a shared
            # cache may keep it longer than one that does not.
            shared = SHARED_MAX_AGE_PURGED if keys else SHARED_MAX_AGE
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=shared)
            language = getattr(request, "LANGUAGE_CODE", "")
            # Every page of an edition shows its chrome (brand, sections).
            keys_add(response, [*keys, f"edition-{language}" if language else ""])
        return response

    def _impersonal(self, request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        return (
            request.method == "GET"
            and response.status_code == 200
            and self.public_path.match(request.path) is not None
            and not response.cookies
            and not response.has_header("Cache-Control")
            and "cookie" not in response.get("Vary", "").lower()
            and not (session is not None and session.accessed)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )


class PageCacheApp:
    """ASGI wrapper that answers anonymous GETs from `page_store`, one render per page."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self.public_path = _public_path_pattern()
        self.session_cookie = settings.SESSION_COOKIE_NAME.encode()
        # Renders in progress, by address: who else asks waits for its result.
        self.renders: dict[str, asyncio.Future[StoredPage | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not page_cache_enabled() or not self._eligible(scope):
            await self.app(scope, receive, send)
            return
        address = self._address(scope)
        page = page_store().get(address)
        if page is not None and not page.stale:
            await _send_page(send, page, b"hit", scope)
            return
        render = self.renders.get(address)
        if render is not None:
            if page is not None:
                await _send_page(send, page, b"stale", scope)
                return
            with contextlib.suppress(TimeoutError):
                rendered = await asyncio.wait_for(asyncio.shield(render), SHARED_RENDER_WAIT)
                if rendered is not None:
                    await _send_page(send, rendered, b"shared", scope)
                    return
            await self.app(scope, receive, send)
            return
        render = self.renders[address] = asyncio.get_running_loop().create_future()
        try:
            render.set_result(await self._render(address, scope, receive, send))
        finally:
            self.renders.pop(address, None)
            if not render.done():
                render.set_result(None)

    async def _render(
        self, address: str, scope: Scope, receive: Receive, send: Send
    ) -> StoredPage | None:
        store = page_store()
        begun = store.sequence
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        kept: list[StoredPage] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                # The keys are for this cache, not for browsers.
                message = {**message, "headers": _without_keys(message.get("headers", []))}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    page = _cacheable(start, b"".join(chunks))
                    if page is not None:
                        store.put(address, page, rendered_at=begun)
                        kept.append(page)
            await send(message)

        await self.app(scope, receive, capture)
        return kept[0] if kept and not kept[0].stale else None

    def _eligible(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if self.public_path.match(scope["path"]) is None:
            return False
        for name, value in scope["headers"]:
            if name == b"cookie" and self.session_cookie in value:
                return False
        return True

    def _address(self, scope: Scope) -> str:
        host = next((v for n, v in scope["headers"] if n == b"host"), b"").decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        return f"{host}:{scope['path']}?{query}"


def _cacheable(start: dict[str, Any], body: bytes) -> StoredPage | None:
    """The response as a page to keep, or None when it may not be kept."""
    if start.get("status") != 200:
        return None
    headers = [(bytes(n), bytes(v)) for n, v in start.get("headers", [])]
    names = {n.lower(): v.lower() for n, v in headers}
    if b"set-cookie" in names or b"public" not in names.get(b"cache-control", b""):
        return None
    # A page that names nothing it shows is forgotten by every change.
    keys = frozenset(names.get(KEYS_HEADER, b"").decode("latin-1").split()) or {UNKEYED}
    compressible = (
        len(body) >= GZIP_MIN_BYTES
        and b"content-encoding" not in names
        and _COMPRESSIBLE.match(names.get(b"content-type", b"")) is not None
    )
    return StoredPage(
        status=200,
        headers=_vary_on_encoding(_without_keys(headers))
        if compressible
        else _without_keys(headers),
        body=body,
        keys=keys,
        expires_at=time.monotonic() + PAGE_CACHE_SECONDS,
        gzipped=gzip.compress(body, compresslevel=6, mtime=0) if compressible else b"",
    )


# Pages, feeds and sitemaps are compressed once when kept (public pages only: a personal
# page with a secret beside what a reader typed is what BREACH needs, and is never kept).
GZIP_MIN_BYTES = 1024
_COMPRESSIBLE = re.compile(rb"^(text/|application/(xml|json|rss\+xml|atom\+xml))")


def _vary_on_encoding(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    vary = [v for n, v in headers if n.lower() == b"vary"]
    rest = [(n, v) for n, v in headers if n.lower() != b"vary"]
    values = [part.strip() for value in vary for part in value.split(b",") if part.strip()]
    if b"accept-encoding" not in {v.lower() for v in values}:
        values.append(b"Accept-Encoding")
    return [*rest, (b"vary", b", ".join(values))]


def _accepts_gzip(asked: dict[bytes, bytes]) -> bool:
    """gzip is named with a weight above zero ("gzip;q=0.5" accepts, "gzip;q=0" refuses)."""
    value = asked.get(b"accept-encoding", b"").replace(b" ", b"").lower()
    for coding in value.split(b","):
        name, _, parameters = coding.partition(b";")
        if name == b"gzip":
            weight = parameters[2:] if parameters.startswith(b"q=") else b"1"
            try:
                return float(weight) > 0
            except ValueError:
                return False
    return False


def _without_keys(headers: Any) -> list[tuple[bytes, bytes]]:
    """`headers` less the surrogate keys, names in lower case (as HTTP/2 and ASGI have them)."""
    return [(bytes(n).lower(), bytes(v)) for n, v in headers if bytes(n).lower() != KEYS_HEADER]


def _not_modified(asked: dict[bytes, bytes], page: StoredPage) -> bool:
    """Whether the client's copy (If-None-Match, else If-Modified-Since) is this page."""
    stored = dict(page.headers)
    if b"if-none-match" in asked:
        etag = stored.get(b"etag")
        tags = [tag.strip().removeprefix(b"W/") for tag in asked[b"if-none-match"].split(b",")]
        return etag is not None and (b"*" in tags or etag.removeprefix(b"W/") in tags)
    since, modified = asked.get(b"if-modified-since"), stored.get(b"last-modified")
    if since is None or modified is None:
        return False
    since_at = parse_http_date_safe(since.decode("latin-1"))
    modified_at = parse_http_date_safe(modified.decode("latin-1"))
    return since_at is not None and modified_at is not None and modified_at <= since_at


# What a hit reads of the request: the encodings it takes and the copy it may hold.
_ASKED = {b"accept-encoding", b"if-none-match", b"if-modified-since"}


# A 304 carries the validators and caching headers, never the body or its length.
_NOT_FOR_304 = {b"content-length", b"content-type", b"content-encoding"}


async def _send_page(send: Send, page: StoredPage, how: bytes, scope: Scope) -> None:
    asked = {name: value for name, value in scope.get("headers", ()) if name in _ASKED}
    conditional = b"if-none-match" in asked or b"if-modified-since" in asked
    if conditional and page.status == 200 and _not_modified(asked, page):
        headers = [(name, value) for name, value in page.headers if name not in _NOT_FOR_304]
        await send(
            {"type": "http.response.start", "status": 304, "headers": [*headers, (b"x-cache", how)]}
        )
        await send({"type": "http.response.body", "body": b""})
        return
    headers, body = page.headers, page.body
    if page.gzipped and _accepts_gzip(asked):
        headers = [
            (name, b"W/" + value if name == b"etag" and not value.startswith(b"W/") else value)
            for name, value in headers
            if name != b"content-length"
        ]
        headers += [(b"content-encoding", b"gzip"), (b"content-length", b"%d" % len(page.gzipped))]
        body = page.gzipped
    await send(
        {
            "type": "http.response.start",
            "status": page.status,
            "headers": [*headers, (b"x-cache", how)],
        }
    )
    await send({"type": "http.response.body", "body": body})
