"""A web page's article, found by trafilatura among the page's navigation and chrome."""

from __future__ import annotations

import hashlib

import trafilatura
from django.utils.dateparse import parse_date

from dateline.wire.parsers.html_body import text_to_html
from dateline.wire.parsers.item import ParsedItem, ParseError

FORMAT = "html"


def parse(content: bytes) -> list[ParsedItem]:
    # trafilatura works on the markup it is given; nothing is fetched.
    try:
        document = trafilatura.bare_extraction(
            content.decode("utf-8", errors="replace"),
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except (ValueError, TypeError) as error:
        raise ParseError(f"The page could not be read: {error}.") from None
    if document is None:
        raise ParseError("No article text was found in the page.")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    headline = " ".join((data.get("title") or "").split())
    text = data.get("text") or ""
    if not headline:
        raise ParseError("The page has no title to use as a headline.")
    if not text.strip():
        raise ParseError("No article text was found in the page.")
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    date = parse_date(data.get("date") or "") if data.get("date") else None
    url = data.get("url") or ""
    return [
        ParsedItem(
            guid=url or "sha1:" + hashlib.sha1(content, usedforsecurity=False).hexdigest(),
            format=FORMAT,
            headline=headline,
            lede=" ".join((data.get("description") or paragraphs[0]).split())[:1000],
            body_html=text_to_html("\n\n".join(paragraphs)),
            agency=" ".join((data.get("sitename") or "").split()),
            byline=" ".join((data.get("author") or "").split()),
            language=(data.get("language") or "")[:8],
            subjects=[t.strip() for t in (data.get("tags") or "").split(",") if t.strip()]
            if isinstance(data.get("tags"), str)
            else list(data.get("tags") or []),
            dateline_date=None if date is None else _midnight(date),
        )
    ]


def _midnight(day):
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(), tzinfo=UTC)
