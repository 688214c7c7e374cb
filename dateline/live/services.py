"""Writes of the outbox, and the broadcast that follows each commit."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, transaction
from django.db.models import F
from wagtail.models import Page

from dateline.live.models import NewsEvent, PageViewDay

logger = logging.getLogger(__name__)


def newsfeed_group(locale_id: int) -> str:
    """Channel-layer group of an edition's newsfeed (numeric, never from user text)."""
    return f"newsfeed.{locale_id}"


def news_event_record(*, page: Page, kind: str) -> NewsEvent:
    """Write the event in the caller's transaction; broadcast it only once that commits."""
    specific = page.specific
    parent = page.get_parent()
    event = NewsEvent.objects.create(
        locale_id=page.locale_id,
        section_id=parent.id if parent else None,
        page=page,
        page_key=page.id,
        kind=kind,
        headline=page.title[:255],
        url=page.url or "",
        urgency=getattr(specific, "urgency", 4),
        published_at=page.first_published_at,
    )
    transaction.on_commit(lambda: news_event_broadcast(event=event))
    return event


def news_event_broadcast(*, event: NewsEvent) -> None:
    """Send the event to every open newsfeed of its edition, in this and other processes."""
    group_broadcast(
        newsfeed_group(event.locale_id), {"type": "news.event", "event": event.as_message()}
    )


def group_broadcast(group: str, message: dict[str, Any]) -> None:
    """Send to a channel-layer group; a failure is logged, never raised.

    Callers broadcast after their commit: what was stored stays stored, and readers
    catch up from the database (outbox, comment list, chat history) when they reconnect.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        logger.exception("Could not broadcast %s to %s", message.get("type"), group)


def page_view_count(*, page_id: int, day: date) -> None:
    """Add one view of the page on `day`; concurrent readers never lose a count."""
    views = PageViewDay.objects.filter(page_id=page_id, day=day)
    if views.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PageViewDay.objects.create(page_id=page_id, day=day, views=1)
    except IntegrityError:  # another reader made the day's row first
        views.update(views=F("views") + 1)
