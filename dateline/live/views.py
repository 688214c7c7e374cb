"""Live endpoints: the newsfeed stream, the next-article fragment and the view beacon."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from dateline.comments.services import comments_group
from dateline.core.ratelimits import client_address, rate_exceeded
from dateline.core.views import rate_limited
from dateline.live.services import page_view_count
from dateline.live.streams import newsfeed_events
from dateline.newsroom import selectors


def _locale_id(language_code: str) -> int | None:
    return Locale.objects.filter(language_code=language_code).values_list("id", flat=True).first()


def _optional_id(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    number = int(value)  # ValueError for anything else, answered as 400 below
    if number < 0:
        raise ValueError(value)
    return number


async def newsfeed_stream(request: HttpRequest) -> HttpResponse:
    """`text/event-stream` of the edition's newsfeed; `?section=ID` narrows it, and
    `?article=ID` adds that article's comment notices."""
    # Straight from the database: a stream opens once and then lives for minutes.
    locale_id = await sync_to_async(_locale_id)(translation.get_language())
    if locale_id is None:
        raise Http404
    try:
        section_id = _optional_id(request.GET.get("section"))
        article_id = _optional_id(request.GET.get("article"))
        last_id = _optional_id(
            request.headers.get("Last-Event-ID") or request.GET.get("last_event_id")
        )
    except ValueError:
        return HttpResponseBadRequest(_("Event ids and section ids are whole numbers."))
    response = StreamingHttpResponse(
        newsfeed_events(
            locale_id=locale_id,
            section_id=section_id,
            last_id=last_id,
            keepalive=settings.DATELINE_LIVE_KEEPALIVE,
            buffer_size=settings.DATELINE_LIVE_CLIENT_BUFFER,
            extra_groups=(comments_group(article_id),) if article_id is not None else (),
        ),
        content_type="text/event-stream; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


def next_article(request: HttpRequest, article_id: int) -> HttpResponse:
    """The article after `article_id` as an HTML fragment, for infinite reading."""
    current = selectors.article_live_get(article_id=article_id)
    following = selectors.article_next(article=current)
    if following is None or following.locale_id != current.locale_id:
        raise Http404
    article = selectors.article_live_get(article_id=following.id)
    time_zone = selectors.edition_time_zone(language_code=translation.get_language())
    context = selectors.article_context(article=article, time_zone=time_zone)
    return render(request, "live/next_article.html", {"page": article, **context})


# The beacon comes from cached pages, which carry no CSRF token; it changes nothing but a
# count, reads no session and is limited per address.
@csrf_exempt
@require_POST
def article_viewed(request: HttpRequest, article_id: int) -> HttpResponse:
    """Count a view of a published article (sent by the page, and by infinite reading)."""
    address = client_address(request)
    if address and rate_exceeded(
        group="live.article_viewed", value=address, rate=settings.DATELINE_VIEW_BEACON_RATE
    ):
        return rate_limited(request)
    article = selectors.article_live_get(article_id=article_id)
    page_view_count(page_id=article.id, day=timezone.localdate())
    return HttpResponse(status=204)
