"""Sitemaps and robots.txt, at the root of the site (not under an edition)."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import conditional_page, require_GET

from dateline.core.surrogate_keys import request_keys_add
from dateline.syndication.sitemaps import SITEMAPS


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
