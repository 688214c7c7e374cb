import re
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from dateline.newsroom import routing

register = template.Library()

_NO_EDITION = SimpleNamespace(url="/")
_FIRST_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>")


@register.simple_tag
def edition_url(edition: Any, name: str, **kwargs: Any) -> str:
    """`{% edition_url edition "author" slug=author.slug %}`: a route of the edition home
    (of the site's root where a page has no edition)."""
    return routing.edition_url(edition or _NO_EDITION, name, **kwargs)


@register.filter
def section_of(edition, page):
    """The section link (from the cached edition chrome) that `page` belongs to."""
    return edition.section_for(page) if edition else None


@register.filter
def with_dateline(rich_text: object, dateline: str) -> SafeString:
    """Run the dateline into the first paragraph of already-rendered rich text, as wires do."""
    html = str(rich_text)
    if not dateline:
        return mark_safe(html)  # noqa: S308 - `html` is Wagtail's rendered rich text
    span = format_html('<span class="dateline">{}</span> ', dateline)
    match = _FIRST_PARAGRAPH.search(html)
    if match is None:
        return format_html("<p>{}</p>{}", span, mark_safe(html))  # noqa: S308 - as above
    position = match.end()
    return mark_safe(html[:position] + span + html[position:])  # noqa: S308 - as above


@register.filter
def feed_time(moment: datetime | None) -> str:
    """Time of day for today's items, the date for older ones (in the active time zone)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, pgettext("newsfeed date format", "M j"))


@register.simple_tag(takes_context=True)
def facet_url(context: dict[str, Any], facet: Any) -> str:
    """The search's address with `facet` chosen, or without it when it is chosen already;
    always from the first page of results."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if facet.selected:
        params.pop(facet.name, None)
    else:
        params[facet.name] = facet.value
    return f"?{params.urlencode()}"
