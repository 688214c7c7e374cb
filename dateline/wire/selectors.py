"""Reads of the wire desk: the incoming list with its filters, and the dashboard counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from dateline.wire.models import WireFailure, WireItem

SINCE_HOURS = {"1": 1, "6": 6, "24": 24, "72": 72, "168": 168}


@dataclass(frozen=True)
class DeskFilters:
    source: str = ""
    language: str = ""
    urgency: str = ""
    since: str = ""
    used: str = ""  # "yes", "no" or ""

    @classmethod
    def from_query(cls, query: Any) -> DeskFilters:
        # NUL cannot go to PostgreSQL; nothing else in a filter needs refusing.
        return cls(
            **{
                name: query.get(name, "").replace("\x00", "").strip()[:32]
                for name in cls.__dataclass_fields__
            }
        )


def desk_items(*, filters: DeskFilters) -> QuerySet[WireItem]:
    """Incoming items, newest first; a filter value that means nothing filters nothing."""
    items = WireItem.objects.select_related("source", "article", "duplicate_of").defer(
        "raw", "body_html"
    )
    if _small_number(filters.source):
        items = items.filter(source_id=int(filters.source))
    if filters.language:
        items = items.filter(language__istartswith=filters.language)
    if _small_number(filters.urgency):
        items = items.filter(urgency__lte=int(filters.urgency))
    if filters.since in SINCE_HOURS:
        items = items.filter(
            received_at__gte=timezone.now() - timedelta(hours=SINCE_HOURS[filters.since])
        )
    if filters.used == "yes":
        items = items.filter(article__isnull=False)
    elif filters.used == "no":
        items = items.filter(article__isnull=True)
    return items.order_by("-received_at", "-id")


def _small_number(value: str) -> bool:
    """ASCII digits that fit an id ("²".isdigit() is true, int("²") is not)."""
    return re.fullmatch(r"[0-9]{1,9}", value) is not None


def desk_languages() -> list[str]:
    return sorted(
        {code for code in WireItem.objects.values_list("language", flat=True).distinct() if code}
    )


def desk_counts() -> dict[str, int]:
    today = timezone.now() - timedelta(hours=24)
    recent = WireItem.objects.filter(received_at__gte=today)
    return {
        "received": recent.count(),
        "unused": recent.filter(article__isnull=True, duplicate_of__isnull=True).count(),
        "updated": WireItem.objects.filter(article_outdated=True).count(),
        "failed": WireFailure.objects.filter(received_at__gte=today).count(),
    }


def recent_failures(*, limit: int = 20) -> QuerySet[WireFailure]:
    return WireFailure.objects.select_related("source").order_by("-received_at")[:limit]
