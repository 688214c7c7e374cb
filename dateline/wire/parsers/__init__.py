"""Wire parsers: one pure function per format from bytes to `ParsedItem`s; each raises only
`ParseError` (with a reason for the desk) and none reaches the network."""

from __future__ import annotations

import json
import re

from dateline.wire.parsers import feeds, newsml_g2, ninjs, nitf, text, webpage
from dateline.wire.parsers.encoding import as_utf8
from dateline.wire.parsers.item import Link, ParsedItem, ParseError, Picture
from dateline.wire.parsers.safe_xml import as_utf8_probe

PARSERS = {
    newsml_g2.FORMAT: newsml_g2.parse,
    nitf.FORMAT: nitf.parse,
    ninjs.FORMAT: ninjs.parse,
    feeds.FORMAT: feeds.parse,
    webpage.FORMAT: webpage.parse,
    text.FORMAT: text.parse,
}
FORMATS = list(PARSERS)
# What may come before the root element: declarations, comments, a doctype.
_PROLOGUE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>", re.S)
_ROOT = re.compile(rb"<([a-z_][\w.:-]*)")

__all__ = ["FORMATS", "Link", "ParseError", "ParsedItem", "Picture", "detect_format", "parse"]


def detect_format(content: bytes) -> str:
    """The format of `content`, from its first bytes; plain text when nothing else fits."""
    head = as_utf8_probe(content[:4096])[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        try:
            json.loads(content)
            return ninjs.FORMAT
        except (ValueError, UnicodeDecodeError, RecursionError):
            pass
    if head.startswith(b"<"):
        root = _ROOT.search(_PROLOGUE.sub(b"", head))
        name = root.group(1).rsplit(b":", 1)[-1] if root else b""
        if name == b"html" or b"<!doctype html" in head:
            return webpage.FORMAT
        if name in (b"rss", b"feed", b"rdf"):
            return feeds.FORMAT
        if name == b"nitf":
            return nitf.FORMAT
        return newsml_g2.FORMAT
    return text.FORMAT


def parse(content: bytes, fmt: str | None = None) -> list[ParsedItem]:
    """Items in `content` (in whatever encoding, see `encoding`), read as `fmt` (or as
    detected). Raises only ParseError."""
    content = as_utf8(content)
    try:
        fmt = fmt or detect_format(content)
    except RecursionError:
        raise ParseError("The document is nested too deeply to read.") from None
    parser = PARSERS.get(fmt)
    if parser is None:
        raise ParseError(f"Unknown format {fmt!r}; known: {', '.join(FORMATS)}.")
    try:
        return parser(content)
    except ParseError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug must not stop the worker
        raise ParseError(
            f"The {fmt} document could not be read ({type(error).__name__}: {error})."
        ) from None
