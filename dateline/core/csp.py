"""The Content-Security-Policy of every response (django-csp sends it; see settings).

Public pages run only the site's own scripts and styles, from files: no inline script, no
third-party request, and nothing that a cached page would have to carry a nonce for
(the same HTML is served to everyone). Wagtail's admin and the API's reader write inline
scripts and styles of their own (inline panels, date pickers, Swagger UI's styles): their
pages get those allowed, and only they do.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin

INLINE_ALLOWED = ("/admin/", "/api/ninjs/docs")


class InlineForAdminMiddleware(MiddlewareMixin):
    """Allow inline script and style on the admin's pages (after CSPMiddleware in the list,
    so that it marks the response before the header is built)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path_info.startswith(INLINE_ALLOWED):
            # What django-csp's own @csp_update decorator sets on a response.
            response._csp_update = {  # type: ignore[attr-defined]
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return response
