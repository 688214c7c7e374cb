"""Reads of the event outbox."""

from __future__ import annotations

from django.db.models import Sum

from dateline.live.models import NewsEvent, PageViewDay

REPLAY_LIMIT = 500


def news_events_since(
    *, locale_id: int, after_id: int, section_id: int | None = None, limit: int = REPLAY_LIMIT
) -> list[NewsEvent]:
    """The events a reader who saw `after_id` has missed, oldest first."""
    events = NewsEvent.objects.filter(locale_id=locale_id, id__gt=after_id)
    if section_id is not None:
        events = events.filter(section_id=section_id)
    return list(events.order_by("id")[:limit])


def news_event_latest_id(*, locale_id: int) -> int:
    latest = (
        NewsEvent.objects.filter(locale_id=locale_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return latest or 0


def page_views_total(*, page_id: int) -> int:
    return PageViewDay.objects.filter(page_id=page_id).aggregate(total=Sum("views"))["total"] or 0
