"""The channel-layer groups readers listen on, and how a change reaches them.

Group names are numeric (never user text). Apps broadcast after their change commits:
what was stored stays stored, and a reader who misses a message catches up from the
database when it reconnects.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from dateline.live.services import group_broadcast


def chat_group(room_id: int) -> str:
    """A chat room's messages, deletions and closing."""
    return f"chat.{room_id}"


def comments_group(article_id: int) -> str:
    """An article's comment changes, read by its newsfeed streams."""
    return f"comments.{article_id}"


def broadcast_on_commit(group: str, message: dict[str, Any]) -> None:
    """Send `message` to `group` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: group_broadcast(group=group, message=message))
