"""Answers shared by every app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """429 for any view over its django-ratelimit rate, in the form the caller reads."""
    message = _("Too many requests. Please wait a moment and try again.")
    if request.accepts("text/html") and not request.headers.get("X-Requested-With"):
        response = render(request, "core/rate_limited.html", {"message": message}, status=429)
    else:
        response = JsonResponse({"error": message}, status=429)
    response["Retry-After"] = "60"
    return response
