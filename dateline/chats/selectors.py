"""Reads of chat rooms."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.chats.models import (
    PRESENCE_FRESH,
    ChatIndexPage,
    ChatMessage,
    ChatPresence,
    ChatRoomPage,
)


def chat_rooms_with_presence(*, index: ChatIndexPage) -> list[ChatRoomPage]:
    """The index's live rooms, each with `present`: open connections, in one query."""
    present = (
        ChatPresence.objects.filter(room=OuterRef("pk"), seen_at__gte=_fresh_since())
        .values("room")
        .annotate(n=Count("id"))
        .values("n")
    )
    return list(
        ChatRoomPage.objects.child_of(index)
        .live()
        .annotate(present=Coalesce(Subquery(present), 0))
        .order_by("path")
    )


def chat_room_live(*, room_id: int) -> ChatRoomPage | None:
    return ChatRoomPage.objects.live().filter(pk=room_id).first()


def chat_history(*, room_id: int, after_id: int | None = None) -> list[ChatMessage]:
    """The last messages (oldest first); after a reconnect only those after `after_id`."""
    messages = ChatMessage.objects.filter(room_id=room_id, deleted_at__isnull=True)
    if after_id is not None:
        messages = messages.filter(id__gt=after_id)
    latest = messages.select_related("author__reader").order_by("-id")[
        : settings.DATELINE_CHAT_HISTORY
    ]
    return list(reversed(latest))


def chat_present(*, room_id: int) -> int:
    return ChatPresence.objects.filter(room_id=room_id, seen_at__gte=_fresh_since()).count()


def chat_deleted_since(*, room_id: int, since: datetime) -> list[int]:
    """Messages staff removed since `since`: a reconnecting reader may still show them."""
    return list(
        ChatMessage.objects.filter(room_id=room_id, deleted_at__gte=since)
        .order_by("-id")
        .values_list("id", flat=True)[: settings.DATELINE_CHAT_HISTORY * 4]
    )


def _fresh_since() -> datetime:
    return timezone.now() - PRESENCE_FRESH
