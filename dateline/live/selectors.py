"""Reads of the event outbox: only what the public may see, withdrawals always."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.live.models import NewsEvent, PageViewDay, PageViewMinute, ReferrerMinute
from dateline.newsroom.selectors import articles_public, page_ids_public

REPLAY_LIMIT = 500


def news_events_public(*, events: list[NewsEvent]) -> list[NewsEvent]:
    """`events` less those whose page the public may no longer see (unpublished since,
    restricted, deleted). Withdrawals stay: they name a page and nothing of it."""
    public = page_ids_public(
        ids=[e.page_key for e in events if e.kind != NewsEvent.Kind.UNPUBLISHED]
    )
    return [e for e in events if e.kind == NewsEvent.Kind.UNPUBLISHED or e.page_key in public]


def news_events_since(
    *, locale_id: int, after_id: int, section_id: int | None = None, limit: int = REPLAY_LIMIT
) -> list[NewsEvent]:
    """The events a reader who saw `after_id` has missed, oldest first; the newest `limit`
    of them when there are more (a newsfeed column shows far fewer)."""
    events = NewsEvent.objects.filter(locale_id=locale_id, id__gt=after_id)
    if section_id is not None:
        events = events.filter(section_id=section_id)
    newest = list(events.order_by("-id")[:limit])
    return news_events_public(events=newest[::-1])


def news_events_after(*, after_id: int, limit: int) -> tuple[int, list[NewsEvent], bool]:
    """Events of every edition after `after_id`, oldest first, for the outbox watcher:
    the id to go on from, those events the public may see, and whether more are waiting."""
    events = list(NewsEvent.objects.filter(id__gt=after_id).order_by("id")[:limit])
    cursor = events[-1].id if events else after_id
    return cursor, news_events_public(events=events), len(events) == limit


def news_event_latest_id(*, locale_id: int | None = None) -> int:
    events = NewsEvent.objects.all()
    if locale_id is not None:
        events = events.filter(locale_id=locale_id)
    return events.order_by("-id").values_list("id", flat=True).first() or 0


def edition_locale_id(*, language_code: str) -> int | None:
    return Locale.objects.filter(language_code=language_code).values_list("id", flat=True).first()


def page_views_total(*, page_id: int) -> int:
    return PageViewDay.objects.filter(page_id=page_id).aggregate(total=Sum("views"))["total"] or 0


@dataclass(frozen=True)
class MostRead:
    id: int
    title: str
    url: str


def articles_most_read(*, locale_id: int, days: int = 2, limit: int = 5) -> list[MostRead]:
    """The edition's most read articles of the last `days` days (today included), from the
    counts the pages' beacons collect: only what the public may still read."""
    since = timezone.localdate() - timedelta(days=days - 1)
    totals = list(
        PageViewDay.objects.filter(day__gte=since, page__locale_id=locale_id)
        .values("page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-page_id")[: limit * 3]  # room for some no longer public
    )
    found = articles_public(locale_id=locale_id).filter(id__in=[t["page_id"] for t in totals])
    articles = {a.id: a for a in found.only("id", "title", "url_path", "locale_id")}
    most_read = [
        MostRead(
            id=t["page_id"],
            title=articles[t["page_id"]].title,
            url=articles[t["page_id"]].url,
        )
        for t in totals
        if t["page_id"] in articles
    ]
    return most_read[:limit]


NOW_MINUTES = 5  # "now": the views of the last five minutes, this one included
TOP = 10


@dataclass(frozen=True)
class PageCount:
    id: int
    title: str
    url: str
    views: int


@dataclass(frozen=True)
class EditionNow:
    language_code: str
    views_now: int
    top_now: list[PageCount]
    top_hour: list[PageCount]
    came_from: list[tuple[str, int]]  # (kind's name, views), every kind


def realtime_view(*, now: datetime | None = None) -> list[EditionNow]:
    """The newsroom's real-time view of each edition, from the minute counts: views in the
    last five minutes, the pages read most now and in the last hour, where readers came
    from in the last hour. Counts only."""
    minute = (now or timezone.now()).replace(second=0, microsecond=0)
    recent, hour = minute - timedelta(minutes=NOW_MINUTES - 1), minute - timedelta(minutes=59)
    locales = dict(Locale.objects.values_list("id", "language_code"))
    came_from: dict[int, dict[str, int]] = {}
    for row in (
        ReferrerMinute.objects.filter(minute__gte=hour)
        .values("locale_id", "kind")
        .annotate(total=Sum("views"))
    ):
        came_from.setdefault(row["locale_id"], {})[row["kind"]] = row["total"]
    editions = []
    for locale_id, language_code in sorted(locales.items(), key=lambda item: item[1]):
        views = PageViewMinute.objects.filter(locale_id=locale_id)
        top_now = _top(views.filter(minute__gte=recent))
        editions.append(
            EditionNow(
                language_code=language_code,
                views_now=views.filter(minute__gte=recent).aggregate(n=Sum("views"))["n"] or 0,
                top_now=top_now,
                top_hour=_top(views.filter(minute__gte=hour)),
                came_from=[
                    (str(label), came_from.get(locale_id, {}).get(kind, 0))
                    for kind, label in ReferrerMinute.Kind.choices
                ],
            )
        )
    return editions


def _top(views: Any) -> list[PageCount]:
    totals = list(
        views.values("page_id").annotate(total=Sum("views")).order_by("-total", "-page_id")[:TOP]
    )
    pages = Page.objects.in_bulk([t["page_id"] for t in totals])
    return [
        PageCount(
            id=t["page_id"],
            title=pages[t["page_id"]].title,
            url=pages[t["page_id"]].url or "",
            views=t["total"],
        )
        for t in totals
        if t["page_id"] in pages
    ]
