"""The newsroom's real-time view of its readers, in the admin (Reports → Readers now)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from dateline.live.selectors import NOW_MINUTES, realtime_view

REFRESH_SECONDS = 15


def realtime(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("live.view_realtime"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "live/admin/realtime.html",
        {
            "editions": realtime_view(),
            "now_minutes": NOW_MINUTES,
            "refresh": REFRESH_SECONDS,
        },
    )
