"""The dateline that opens an article: "MOSCOW, November 2 (RIA Novosti) –"."""

import zoneinfo
from datetime import datetime

from django.utils import dateformat
from django.utils.translation import pgettext


def format_dateline(
    *, place: str, published_at: datetime | None, agency_short_name: str, time_zone: str
) -> str:
    """Place in capitals, the date in the active language and the edition's time zone, agency.

    The date format is a translatable string because languages decline month names
    differently ("November 2", "2 ноября").
    """
    parts = []
    if place:
        parts.append(place.upper())
    if published_at is not None:
        local = published_at.astimezone(zoneinfo.ZoneInfo(time_zone))
        parts.append(dateformat.format(local, pgettext("dateline date format", "F j")))
    text = ", ".join(parts)
    if agency_short_name:
        text = f"{text} ({agency_short_name})" if text else f"({agency_short_name})"
    return f"{text} –" if text else ""
