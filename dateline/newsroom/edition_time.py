"""Every time a reader sees is in the edition's own zone: pages, and the fragments fetched
into them (next article, comment thread) alike."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from dateline.core.locale import UNPREFIXED
from dateline.newsroom.selectors import edition_time_zone


class EditionTimeZoneMiddleware:
    """The edition's time zone active for its requests (after the language is known)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(UNPREFIXED):
            return self.get_response(request)
        zone = edition_time_zone(language_code=translation.get_language() or "en")
        with timezone.override(zone):
            return self.get_response(request)
