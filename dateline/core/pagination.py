"""Lists a page at a time (sections, topics, search, the media bank), without counting
the whole list: an archive of any size costs one page's rows and one more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404


@dataclass
class Listing:
    """One page of a list, paginated without counting the whole list."""

    items: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


# Far past any archive's end; a larger number would overflow the database's OFFSET.
LAST_PAGE = 100_000


def page_number(page: Any) -> int:
    """The page number asked for; anything malformed means the first page, and a number
    past LAST_PAGE is a 404 (it could only overflow the query)."""
    try:
        number = max(int(page), 1)
    except (TypeError, ValueError):
        return 1
    if number > LAST_PAGE:
        raise Http404("No such page")
    return number


def paginate(queryset: QuerySet[Any] | Any, *, page: Any, per_page: int) -> Listing:
    """Slice one page out of `queryset`; fetches one row extra instead of counting them all.

    A missing or malformed page number gives the first page; a page past the end is a 404.
    """
    number = page_number(page)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page")
    return Listing(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
