"""Sitemaps, robots.txt and the WebSub hub, at the root of the site (not under an edition)."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page, require_GET, require_POST

from dateline.core.errors import Refused
from dateline.core.ratelimits import client_address, rate_exceeded
from dateline.core.surrogate_keys import request_keys_add
from dateline.syndication.sitemaps import SITEMAPS

WEBSUB_RATE = "60/m"  # (un)subscription requests from one address


# Cached whole like the pages (the embedded page cache, or the proxy, which a publish
# purges by the `sitemaps` key), so a new article is in them at once. Crawlers that ask
# again with If-Modified-Since get a 304 until something changes.
@conditional_page
def sitemap_index(request: HttpRequest) -> HttpResponse:
    request_keys_add(request, ["sitemaps"])
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@conditional_page
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    request_keys_add(request, ["sitemaps"])
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="syndication/sitemap.xml"
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the public site; not the admin, accounts, streams or comment endpoints."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    lines += [f"Disallow: /*/{path}" for path in ("accounts/", "comments/", "live/")]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@csrf_exempt  # subscribers are other sites: the request carries no form of ours
@require_POST
def websub_hub(request: HttpRequest) -> HttpResponse:
    """The WebSub hub: a (un)subscription request is checked, answered 202, and verified by
    the worker with the subscriber; a bad one is a 400 saying why."""
    from dateline.syndication.tasks import websub_verify_task
    from dateline.syndication.websub import websub_request

    address = client_address(request) or "unknown"
    if rate_exceeded(group="websub", value=address, rate=WEBSUB_RATE):
        return HttpResponse("Too many requests.", status=429, content_type="text/plain")
    mode = request.POST.get("hub.mode", "")
    try:
        subscription = websub_request(
            mode=mode,
            topic=request.POST.get("hub.topic", ""),
            callback=request.POST.get("hub.callback", ""),
            lease=request.POST.get("hub.lease_seconds", ""),
            secret=request.POST.get("hub.secret", ""),
        )
    except Refused as refused:
        return HttpResponse(refused.message, status=400, content_type="text/plain")
    transaction.on_commit(lambda: websub_verify_task.enqueue(subscription.pk, mode))
    return HttpResponse(status=202)
