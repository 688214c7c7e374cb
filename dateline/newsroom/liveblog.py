"""Reads and writes of a live blog's entries. Every write commits the entry, purges what
shows it, and tells the live machinery (`entry_changed`), which records the outbox event
open pages receive, in the same transaction."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import django.dispatch
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.html import strip_tags

from dateline.core.ids import id_from_text
from dateline.core.plain_text import plain_text_html
from dateline.core.purge import purge_keys
from dateline.newsroom.models import LiveBlogEntry, LiveBlogPage
from dateline.newsroom.models.liveblogs import entries_key

ENTRIES_PER_PAGE = 50

# Sent inside the write's transaction: `entry` (deleted: its last state), `action`
# ("posted", "edited", "deleted").
entry_changed = django.dispatch.Signal()

EDITABLE = (
    "title",
    "text",
    "photo",
    "photo_caption",
    "quote",
    "quote_by",
    "card_author",
    "card_handle",
    "card_text",
    "card_url",
    "card_posted_at",
    "pinned",
)


def entries_shown(*, blog: LiveBlogPage, before: str | None = None) -> dict[str, Any]:
    """What the blog's page shows: the pinned entries on top, then the others, latest first
    (or those posted before the entry `before`), and the entry to read on from."""
    every = blog.entries.select_related("photo").order_by("-posted_at", "-id")
    entries = every.filter(pinned=False)
    try:
        before_id = id_from_text(before)
    except ValueError:
        before_id = None
    older = entries
    if before_id is not None:
        mark = entries.filter(pk=before_id).values("posted_at").first()
        if mark is not None:
            older = entries.filter(
                Q(posted_at__lt=mark["posted_at"])
                | Q(posted_at=mark["posted_at"], id__lt=before_id)
            )
    page = list(older[: ENTRIES_PER_PAGE + 1])
    # What the page's cached head describes changes with any entry: posted, edited, deleted.
    state = every.aggregate(changed=Max("updated_at"), count=Count("id"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    return {
        "pinned_entries": list(every.filter(pinned=True)) if before_id is None else [],
        "entries": page[:ENTRIES_PER_PAGE],
        "entries_earlier": page[ENTRIES_PER_PAGE - 1].pk if len(page) > ENTRIES_PER_PAGE else None,
        "entries_stamp": f"{state['count']}-{changed}",
    }


def entry_post(*, blog: LiveBlogPage, author: User | None, fields: dict[str, Any]) -> LiveBlogEntry:
    """A new entry, posted now; refused whole (ValidationError) when it says nothing."""
    entry = LiveBlogEntry(blog=blog, author=author, byline=_byline(author))
    _assign(entry, fields)
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        _changed(entry, "posted")
    return entry


def entry_edit(
    *, entry: LiveBlogEntry, fields: dict[str, Any], correction: str = ""
) -> LiveBlogEntry:
    """Change an entry; a correction note says what was corrected, under the entry."""
    _assign(entry, fields)
    if correction.strip():
        entry.correction, entry.corrected_at = correction.strip(), timezone.now()
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        _changed(entry, "edited")
    return entry


def entry_delete(*, entry: LiveBlogEntry) -> None:
    with transaction.atomic():
        entry_id = entry.pk
        entry.delete()
        entry.pk = entry_id  # the event names the entry that went
        _changed(entry, "deleted")


def entry_plain_text(entry: LiveBlogEntry) -> str:
    """The entry in words (for structured data and the API)."""
    parts = [entry.title, strip_tags(entry.text), entry.quote, entry.card_text]
    return " ".join(" ".join(part.split()) for part in parts if part)


def entry_text_html(text: str) -> str:
    """Typed text as the entry's HTML: a paragraph per block apart by a blank line, line
    breaks kept, everything escaped, web addresses made links."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{plain_text_html(block)}</p>" for block in blocks)


def entry_text_plain(html: str) -> str:
    """The entry's HTML as the desk shows it to edit: paragraphs apart by a blank line."""
    paragraphs = re.split(r"</p>\s*<p[^>]*>", html.strip())
    lines = [re.sub(r"<br\s*/?>", "\n", p) for p in paragraphs]
    return "\n\n".join(unescape(strip_tags(line)).strip() for line in lines)


def _assign(entry: LiveBlogEntry, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name in EDITABLE:
            setattr(entry, name, value)


def _byline(author: User | None) -> str:
    if author is None:
        return ""
    return author.get_full_name() or author.get_username()


def _changed(entry: LiveBlogEntry, action: str) -> None:
    purge_keys([entries_key(entry.blog_id)])
    entry_changed.send(sender=LiveBlogEntry, entry=entry, action=action)
