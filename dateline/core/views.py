"""Answers shared by every app: refusals a person or a page's script can read."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _

# Seconds a client (and the caching proxy) is told to wait when the database is away.
DATABASE_RETRY_AFTER = 5


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


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the database is unreachable or its pool exhausted:
    a passing state the proxy can answer from its cache, not a fault in the page (handler500;
    rendered without context processors, which would ask the database again)."""
    error = sys.exc_info()[1]
    template = loader.get_template("500.html")
    # Only these mean "cannot reach it": a bad query or a broken constraint stays a 500.
    if isinstance(error, OperationalError | InterfaceError):
        context = {
            "title": _("Temporarily unavailable"),
            "message": _("The site is busy or being restarted. Please try again in a few seconds."),
        }
        response = HttpResponse(template.render(context), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return HttpResponse(template.render(), status=500)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and crawlers ask for whatever a page links: the icon.
    Its address is looked up per request (the static manifest exists only once collected)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
