"""Language from the URL, for the editions' pages only."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware

# Served at the root for machines; their 404s are answers, not pages to find in an edition.
UNPREFIXED = (
    "/api/",
    "/admin/",
    "/sitemap",
    "/robots.txt",
    "/sw.js",
    "/media/",
    "/static/",
    "/ws/",
)


class EditionLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that it never redirects a 404 of the unprefixed
    machine-facing paths to `/<language>/…`, where the page tree would answer instead."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
