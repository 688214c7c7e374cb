"""Times for machines inside pages: `<time datetime>` wants ISO 8601 of at most milliseconds."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(moment: datetime | None) -> str:
    """`moment` in the active time zone to the second, with its offset."""
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="seconds")
