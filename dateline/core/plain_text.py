"""Readers' plain text as safe HTML: everything escaped, web links made clickable."""

from __future__ import annotations

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from linkify_it import LinkifyIt

from dateline.core.errors import Refused

_links = LinkifyIt()
SAFE_SCHEMES = ("http://", "https://")
# NUL (which PostgreSQL refuses to store) and UTF-16 halves, which are no text at all.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def plain_text_clean(body: str | None, *, limit: int, too_long: str) -> str:
    """A reader's text, trimmed; Refused when it is empty, unstorable or over `limit`.

    `too_long` names the limit for the reader, with %(limit)s and %(length)s in it.
    """
    text = (body or "").strip()
    if not text:
        raise Refused(_("Write something first."), code="empty")
    if UNSTORABLE.search(text):
        raise Refused(_("The text contains characters that cannot be stored."), code="format")
    if len(text) > limit:
        raise Refused(too_long % {"limit": limit, "length": len(text)}, code="too_long")
    return text


def plain_text_html(text: str) -> SafeString:
    """Escape `text`; link http(s) addresses with rel="nofollow ugc"; keep line breaks."""
    parts: list[str] = []
    position = 0
    for match in _links.match(text) or []:
        if not match.url.lower().startswith(SAFE_SCHEMES):
            continue  # mailto:, ftp: and the like stay plain text
        parts.append(escape(text[position : match.index]))
        parts.append(
            format_html(
                '<a href="{}" rel="nofollow ugc noopener" target="_blank">{}</a>',
                match.url,
                match.text,
            )
        )
        position = match.last_index
    parts.append(escape(text[position:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece above is escaped or format_html
