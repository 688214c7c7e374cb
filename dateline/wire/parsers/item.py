"""What every wire parser returns: one agency item in Dateline's terms, whatever came in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime


def moment(value: Any) -> datetime | None:
    """An ISO 8601 date and time as agencies write them, or None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_datetime(value.strip())
    except ValueError:
        return None


def whole_number(value: Any) -> int | None:
    """A number written in plain ASCII digits (and an optional sign), or None."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    return int(text) if re.fullmatch(r"[+-]?[0-9]{1,18}", text) else None


STATUSES = ("usable", "withheld", "canceled")


def status_of(value: Any) -> str:
    """An agency's publication status (IPTC's `stat:canceled`, ninjs' `canceled`, NITF's
    `management-status`) as one of STATUSES; anything unknown is usable."""
    name = str(value or "").strip().lower().rpartition(":")[2]
    name = {"cancelled": "canceled", "embargoed": "usable"}.get(name, name)
    return name if name in STATUSES else "usable"


class ParseError(ValueError):
    """The input is not an item this parser can read; `reason` says why, for the desk."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Picture:
    href: str
    caption: str = ""
    credit: str = ""
    creator: str = ""
    copyright_notice: str = ""
    rendition: str = ""
    content_type: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class Link:
    href: str
    title: str = ""
    role: str = ""


@dataclass
class ParsedItem:
    guid: str
    headline: str
    format: str
    version: int = 1
    item_class: str = "text"  # text, picture, package
    lede: str = ""
    body_html: str = ""  # sanitised
    dateline_place: str = ""
    dateline_date: datetime | None = None
    dateline_text: str = ""  # as the agency wrote it: "MOSCOW, Monday (Reuters)"
    agency: str = ""
    byline: str = ""
    language: str = ""
    subjects: list[str] = field(default_factory=list)
    urgency: int | None = None
    pictures: list[Picture] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    first_created: datetime | None = None
    version_created: datetime | None = None
    # usable; withheld (not to be used for now) or canceled (killed): either withdraws it
    status: str = "usable"
    embargoed: datetime | None = None  # not to be published before
    ed_note: str = ""  # the agency's note to editors
    usage_terms: str = ""
    warnings: list[str] = field(default_factory=list)  # e.g. what the schema found wrong
    raw: str = ""  # this item's own part of a document carrying several
