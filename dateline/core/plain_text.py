"""Readers' plain text as safe HTML: everything escaped, web links made clickable."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from linkify_it import LinkifyIt

_links = LinkifyIt()
SAFE_SCHEMES = ("http://", "https://")


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
