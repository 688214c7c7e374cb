"""Writes of the outbox (read by each process's watcher, see outbox.py), page views, and
the channel-layer broadcast other live notices use."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from dateline.live.models import NewsEvent, PageViewDay, PageViewMinute, ReferrerMinute
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
    _count(PageViewDay, page_id=page_id, day=day)


def page_view_record(
    *, page_id: int, locale_id: int, came_from: str, now: datetime | None = None
) -> None:
    """A reader's view, counted as the real-time view and most read add it up: the page's
    day (most read), the page's minute and the edition's minute by where readers came
    from (the newsroom's view). Aggregated as it comes: no row per view, nothing personal."""
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        page_view_count(page_id=page_id, day=timezone.localdate(now))
        _count(PageViewMinute, page_id=page_id, minute=minute, defaults={"locale_id": locale_id})
        _count(ReferrerMinute, locale_id=locale_id, minute=minute, kind=came_from)


def page_views_prune(*, keep: timedelta = timedelta(days=2)) -> int:
    """Forget minute counts older than `keep` (days stay, for most read)."""
    since = timezone.now() - keep
    deleted, _ = PageViewMinute.objects.filter(minute__lt=since).delete()
    referrers, _ = ReferrerMinute.objects.filter(minute__lt=since).delete()
    return deleted + referrers


def _count(model: Any, defaults: dict[str, Any] | None = None, **keys: Any) -> None:
    """Add one to the row `keys` name, made if missing (by one of two racing readers)."""
    rows = model.objects.filter(**keys)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **(defaults or {}), views=1)
    except IntegrityError:  # another reader made the row first
        rows.update(views=F("views") + 1)
