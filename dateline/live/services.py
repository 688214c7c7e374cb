"""Writes of the outbox (read by each process's watcher, see outbox.py), page views, and
the channel-layer broadcast other live notices use."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from wagtail.models import Page

from dateline.live.models import NewsEvent, PageViewDay
from dateline.live.outbox import outbox_wake
from dateline.live.relay import relay_needed, relay_record
from dateline.newsroom.urgency import URGENCY_DEFAULT

logger = logging.getLogger(__name__)


# Any fixed number: the key of PostgreSQL's transaction-scoped advisory lock on the outbox.
OUTBOX_LOCK = 0x44_4C_4E_45  # "DLNE"


def _outbox_lock() -> None:
    """Make events commit in the order of their ids.

    Ids come from a sequence when a row is written, not when it commits: two publishes in
    the same second can commit 6 before 5, and a reader who has seen 6 would never be
    sent 5. Holding this lock from the event's insert to its commit means every set of
    committed events a reader can see is a prefix of the ids. SQLite needs nothing: it
    lets one writer at a time in (transactions begin IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OUTBOX_LOCK])


def news_event_record(
    *, page: Page, kind: str, deleted: bool = False, data: dict[str, Any] | None = None
) -> NewsEvent:
    """Write the event in the caller's transaction; broadcast it only once that commits.

    A withdrawal names the page and nothing else: its headline is no longer public.
    """
    specific = page.specific
    parent = page.get_parent()
    withdrawn = kind == NewsEvent.Kind.UNPUBLISHED
    with transaction.atomic():
        _outbox_lock()
        event = NewsEvent.objects.create(
            locale_id=page.locale_id,
            section_id=parent.id if parent else None,
            page=None if deleted else page,
            page_key=page.id,
            kind=kind,
            headline="" if withdrawn else page.title[:255],
            url="" if withdrawn else page.url or "",
            urgency=getattr(specific, "urgency", URGENCY_DEFAULT),
            published_at=None if withdrawn else page.first_published_at,
            data=data or {},
        )
    # Every process's outbox watcher finds the event within its poll interval; this one's
    # is told at once.
    transaction.on_commit(outbox_wake)
    return event


def group_broadcast(*, group: str, message: dict[str, Any]) -> None:
    """Send to a channel-layer group; a failure is logged, never raised.

    Callers broadcast after their commit: what was stored stays stored, and readers
    catch up from the database (outbox, comment list, chat history) when they reconnect.
    Without Redis the message is also kept for the other server processes (`relay`).
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
        if relay_needed():
            relay_record(group, message)
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
