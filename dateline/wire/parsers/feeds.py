"""RSS and Atom feeds, through feedparser: one item per entry."""

from __future__ import annotations

import calendar
import hashlib
import json
from datetime import UTC, datetime

import feedparser

from dateline.wire.parsers.html_body import first_sentence, plain_text, with_blocks
from dateline.wire.parsers.item import Link, ParsedItem, ParseError, Picture, whole_number

FORMAT = "rss"


def parse(content: bytes) -> list[ParsedItem]:
    # feedparser reads bytes it is given and fetches nothing; resolving relative links
    # and sanitising are ours to do, from what the feed itself says.
    feed = feedparser.parse(content, resolve_relative_uris=False, sanitize_html=False)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        raise ParseError(f"Not a feed with entries{f': {problem}' if problem else ''}.")
    language = (feed.feed.get("language") or "").split("-")[0]
    items = []
    for entry in feed.entries:
        body = entry.get("content", [{}])[0].get("value", "") if entry.get("content") else ""
        summary = entry.get("summary", "")
        # RSS 2.0 lets an item have a description and no title: named by its first sentence.
        headline = plain_text(entry.get("title", "")) or first_sentence(plain_text(summary or body))
        if not headline:
            continue  # neither title nor text: no story; the rest still come in
        updated = entry.get("updated_parsed") or entry.get("published_parsed")
        items.append(
            ParsedItem(
                guid=entry.get("id") or entry.get("link") or _digest(headline),
                version=calendar.timegm(updated) if updated else 1,
                format=FORMAT,
                headline=headline,
                lede=plain_text(summary)[:1000],
                body_html=with_blocks(body or summary),
                agency=plain_text(feed.feed.get("title", "")),
                byline=plain_text(entry.get("author", "")),
                language=language,
                subjects=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
                dateline_date=_when(entry.get("published_parsed") or updated),
                version_created=_when(updated),
                pictures=_pictures(entry),
                links=[Link(href=entry["link"], role="source")] if entry.get("link") else [],
                raw=json.dumps(entry, default=str, ensure_ascii=False),
            )
        )
    if not items:
        raise ParseError("No entry of the feed has a title or a description.")
    return items


def _pictures(entry: dict) -> list[Picture]:
    credit = ""
    credits = entry.get("media_credit") or []
    if credits and isinstance(credits[0], dict):
        credit = credits[0].get("content", "")
    found = []
    for media in entry.get("media_content", []):
        if media.get("medium") == "image" or media.get("type", "").startswith("image/"):
            found.append(
                Picture(
                    href=media.get("url", ""),
                    caption=plain_text(entry.get("media_description", "") or ""),
                    credit=credit,
                    content_type=media.get("type", ""),
                    width=whole_number(media.get("width")),
                    height=whole_number(media.get("height")),
                )
            )
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("type", "").startswith("image/") and enclosure.get("href"):
            found.append(
                Picture(href=enclosure["href"], credit=credit, content_type=enclosure["type"])
            )
    return [p for p in found if p.href]


def _when(parsed) -> datetime | None:
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC) if parsed else None


def _digest(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
