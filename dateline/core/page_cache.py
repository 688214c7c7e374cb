"""The embedded profile's page cache: anonymous HTML served from memory before Django runs.

Django decides what may be cached (`PublicCacheHeadersMiddleware` marks a response
`Cache-Control: public` only when nothing personal went into it); the ASGI wrapper stores
such responses and answers later requests for them without entering Django. The scale
profile's caching proxy obeys the same header.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin

from dateline.core.cache_generation import cache_generation
from dateline.core.surrogate_keys import keys_add

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

BROWSER_MAX_AGE = 30
SHARED_MAX_AGE = 300
SHARED_MAX_AGE_PURGED = 3600
PAGE_CACHE_SECONDS = 600


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
    """ASGI wrapper that answers repeated anonymous GETs from the cache."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self.cache = caches["default"]
        # Only the embedded profile's in-process cache answers fast enough to be asked on
        # the event loop; with Redis configured, the caching proxy in front does this job.
        self.enabled = settings.DATELINE_PAGE_CACHE and isinstance(self.cache, LocMemCache)
        self.public_path = _public_path_pattern()
        self.session_cookie = settings.SESSION_COOKIE_NAME.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or not self._eligible(scope):
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        entry = self.cache.get(key)
        if entry is not None:
            status, headers, body = entry
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [*headers, (b"x-cache", b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _eligible(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if self.public_path.match(scope["path"]) is None:
            return False
        for name, value in scope["headers"]:
            if name == b"cookie" and self.session_cookie in value:
                return False
        return True

    def _key(self, scope: Scope) -> str:
        host = next((v for n, v in scope["headers"] if n == b"host"), b"").decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        generation = cache_generation()
        return f"page:{generation}:{host}:{scope['path']}?{query}"

    def _store(self, key: str, start: dict[str, Any], body: bytes) -> None:
        headers = start.get("headers", [])
        if start.get("status") != 200:
            return
        names = {bytes(n).lower(): bytes(v).lower() for n, v in headers}
        if b"set-cookie" in names or b"public" not in names.get(b"cache-control", b""):
            return
        entry = (200, [(bytes(n), bytes(v)) for n, v in headers], body)
        self.cache.set(key, entry, PAGE_CACHE_SECONDS)
