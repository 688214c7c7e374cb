"""Answers shared by every app: refusals a person or a page's script can read."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def refusal(
    request: HttpRequest, *, title: str, message: str, code: str, status: int
) -> HttpResponse:
    """JSON for scripts (`X-Requested-With`) and non-HTML clients, a page for people."""
    if request.accepts("text/html") and not request.headers.get("X-Requested-With"):
        context = {"title": title, "message": message}
        return render(request, "core/refused.html", context, status=status)
    return JsonResponse({"error": message, "code": code}, status=status)


def rate_limited(request: HttpRequest) -> HttpResponse:
    """429 for any action over its rate (see dateline.core.ratelimits)."""
    response = refusal(
        request,
        title=_("Too many requests"),
        message=_("Too many requests. Please wait a moment and try again."),
        code="rate",
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a missing or forged CSRF token (CSRF_FAILURE_VIEW)."""
    return refusal(
        request,
        title=_("Form expired"),
        message=_(
            "Your form has expired or did not come from this site. Reload the page and try again."
        ),
        code="csrf",
        status=403,
    )
