"""Live endpoints served by Django: the next-article fragment and the view beacon (the
newsfeed stream is served in front of Django, see asgi.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dateline.core.cache_generation import CACHE_SECONDS, cached_for_generation
from dateline.core.ratelimits import client_address, rate_exceeded
from dateline.core.surrogate_keys import keys_add, request_keys_add
from dateline.core.views import rate_limited
from dateline.live.referrers import referrer_kind
from dateline.live.selectors import articles_most_read
from dateline.live.services import page_view_record
from dateline.newsroom import selectors
from dateline.newsroom.surrogate_keys import article_page_keys


def next_article(request: HttpRequest, article_id: int) -> HttpResponse:
    """The article after `article_id` as an HTML fragment, for infinite reading."""
    current = selectors.article_public_get(article_id=article_id)
    following = selectors.article_next(article=current)
    if following is None or following.locale_id != current.locale_id:
        raise Http404
    article = selectors.article_public_get(article_id=following.id)
    time_zone = selectors.edition_time_zone(language_code=translation.get_language())
    context = selectors.article_context(article=article, time_zone=time_zone)
    # Which article comes next changes when the current one goes.
    request_keys_add(request, [f"page-{current.id}", *article_page_keys(article, context)])
    return render(request, "live/next_article.html", {"page": article, **context})


# The beacon comes from cached pages, which carry no CSRF token; it changes nothing but a
# count, reads no session and is limited per address.
@csrf_exempt
@require_POST
def article_viewed(request: HttpRequest, article_id: int) -> HttpResponse:
    """Count a view of a published article (sent by the page, and by infinite reading),
    with the host the reader came from (`?from=`), kept only as its kind."""
    address = client_address(request)
    if address and rate_exceeded(
        group="live.article_viewed", value=address, rate=settings.DATELINE_VIEW_BEACON_RATE
    ):
        return rate_limited(request)
    article = selectors.article_public_get(article_id=article_id)
    came_from = referrer_kind(
        request.GET.get("from", "")[:255], own_hosts={request.get_host().split(":")[0]}
    )
    page_view_record(page_id=article.id, locale_id=article.locale_id, came_from=came_from)
    return HttpResponse(status=204)


# Counts move with every reader, not with publishing: kept as long as the site's own cached
# reads (and forgotten at once when a listed article is withdrawn), in shared caches alike.
MOST_READ_SECONDS = CACHE_SECONDS


def most_read(request: HttpRequest) -> HttpResponse:
    """The edition's most read articles: a fragment (`?part=list`) for the page's script,
    else a page of its own."""
    chrome = selectors.edition_chrome(language_code=translation.get_language())
    if chrome is None:
        raise Http404
    items = cached_for_generation(
        f"live:most-read:{chrome.locale_id}",
        lambda: articles_most_read(locale_id=chrome.locale_id),
    )
    fragment = request.GET.get("part") == "list"
    template = "live/most_read.html" if fragment else "live/most_read_page.html"
    response = render(request, template, {"most_read": items})
    patch_cache_control(response, public=True, max_age=60, s_maxage=MOST_READ_SECONDS)
    keys_add(response, [f"page-{item.id}" for item in items])
    return response
