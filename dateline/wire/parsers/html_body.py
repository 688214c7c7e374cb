"""Agency markup (NITF, XHTML, feed HTML, plain text) to the body HTML Dateline keeps:
a small set of tags, sanitised by nh3, never anything that runs or fetches."""

from __future__ import annotations

import html
import re

import nh3
from lxml import etree

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# NITF and XHTML block elements, by local name, to the tag kept for them.
_BLOCKS = {
    "p": "p",
    "hl2": "h2",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "bq": "blockquote",
    "blockquote": "blockquote",
    "li": "li",
    "ul": "ul",
    "ol": "ol",
}


def sanitize(markup: str) -> str:
    """Markup reduced to the allowed tags; links get rel="nofollow noopener"."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    ).strip()


def with_blocks(markup: str) -> str:
    """Sanitised markup whose text sits in block elements (feeds often send bare text)."""
    cleaned = sanitize(markup)
    if not cleaned or re.search(r"<(p|h[2-4]|ul|ol|blockquote)>", cleaned):
        return cleaned
    return paragraphs_html(
        re.split(r"\s*<br>\s*(?:<br>\s*)+|\n\s*\n", html.unescape(nh3.clean(cleaned, tags={"br"})))
    )


def plain_text(markup: str) -> str:
    """The text of a snippet that may carry markup (a feed title or summary)."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())


def text_to_html(text: str) -> str:
    """Plain text with blank lines between paragraphs."""
    return paragraphs_html([" ".join(block.split()) for block in text.split("\n\n")])


def xml_body_html(container: etree._Element | None) -> str:
    """The blocks of an NITF `body.content` or an XHTML `body`, as sanitised HTML."""
    if container is None:
        return ""
    parts: list[str] = []
    _blocks(container, parts)
    return sanitize("".join(parts))


def _blocks(element: etree._Element, parts: list[str]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname.lower()
        tag = _BLOCKS.get(name)
        if tag in ("ul", "ol", "blockquote"):
            parts.append(f"<{tag}>")
            _blocks(child, parts)
            parts.append(f"</{tag}>")
        elif tag:
            text = " ".join("".join(child.itertext()).split())
            if text:
                parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
        elif name in ("media", "table", "note", "fn"):
            continue  # pictures are read apart; tables and notes are not body text
        else:
            _blocks(child, parts)


def first_paragraph(body_html: str, limit: int = 1000) -> str:
    """The text of a body's first paragraph: the lede when the agency sent none."""
    start = body_html.find("<p>")
    end = body_html.find("</p>", start)
    if start < 0 or end < 0:
        return ""
    return plain_text(body_html[start + 3 : end])[:limit]
