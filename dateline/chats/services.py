"""Writes of chat rooms: messages, moderation, presence. Called from the WebSocket consumer."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.accounts.selectors import display_name_of, reader_is_banned
from dateline.chats.models import (
    PRESENCE_FRESH,
    ChatMessage,
    ChatMute,
    ChatPresence,
    ChatRoomPage,
)
from dateline.core.errors import Refused
from dateline.core.plain_text import plain_text_clean, plain_text_html
from dateline.core.ratelimits import rate_exceeded
from dateline.live.groups import broadcast_on_commit, chat_group

MODERATE = "chats.moderate_chat"
MAX_MUTE_MINUTES = 7 * 24 * 60


def chat_message_payload(*, message: ChatMessage) -> dict[str, Any]:
    """What clients receive: the text already escaped and linked by the server."""
    return {
        "type": "message",
        "id": message.id,
        "author": display_name_of(user=message.author),
        "author_id": message.author_id,
        "html": str(plain_text_html(message.body)),
        "sent_at": message.created_at.isoformat(),
    }


def chat_message_post(
    *, author: User | AnonymousUser, room: ChatRoomPage, body: str
) -> ChatMessage:
    if not author.is_authenticated:
        raise Refused(_("Sign in to write in the chat."), code="signin", status=401)
    if reader_is_banned(user=author):
        raise Refused(_("Your account may no longer take part in chats."), code="banned")
    if room.is_closed:
        raise Refused(_("This room is closed."), code="closed")
    mute = ChatMute.objects.filter(room=room, user=author, until__gt=timezone.now()).first()
    if mute is not None:
        raise Refused(
            _("You are muted in this room until %(time)s.")
            % {"time": timezone.localtime(mute.until).strftime("%H:%M")},
            code="muted",
        )
    text = plain_text_clean(
        body,
        limit=settings.DATELINE_CHAT_MAX_LENGTH,
        too_long=_("Messages are at most %(limit)s characters; this one has %(length)s."),
    )
    if rate_exceeded(group="chats.send", value=str(author.pk), rate=settings.DATELINE_CHAT_RATE):
        raise Refused(_("You are writing too fast. Please wait a moment."), code="rate")
    message = ChatMessage.objects.create(room=room, author=author, body=text)
    # Encoded once here rather than by each of a room's thousand sockets.
    frame = json.dumps(chat_message_payload(message=message))
    broadcast_on_commit(chat_group(room.id), {"type": "chat.message", "frame": frame})
    return message


def chat_message_delete(*, moderator: User, message_id: int, room: ChatRoomPage) -> None:
    _moderator(moderator)
    updated = ChatMessage.objects.filter(pk=message_id, room=room, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), deleted_by=moderator
    )
    if not updated:
        raise Refused(_("There is no such message in this room."), code="not_found")
    broadcast_on_commit(chat_group(room.id), {"type": "chat.deleted", "id": message_id})


def chat_mute(*, moderator: User, room: ChatRoomPage, user_id: int, minutes: int) -> ChatMute:
    _moderator(moderator)
    if not 1 <= minutes <= MAX_MUTE_MINUTES:
        raise Refused(
            _("Mute for 1 to %(limit)s minutes.") % {"limit": MAX_MUTE_MINUTES}, code="minutes"
        )
    if user_id == moderator.pk:
        raise Refused(_("You cannot mute yourself."), code="self")
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise Refused(_("There is no such reader."), code="not_found")
    return ChatMute.objects.create(
        room=room,
        user_id=user_id,
        until=timezone.now() + timedelta(minutes=minutes),
        muted_by=moderator,
    )


def chat_room_close(*, moderator: User, room: ChatRoomPage) -> None:
    """Stop writing in the room; what was said stays readable."""
    _moderator(moderator)
    now = timezone.now()
    # A plain update: closing is moderation, not an editorial revision of the page.
    ChatRoomPage.objects.filter(pk=room.pk).update(closed_at=now)
    room.closed_at = now
    broadcast_on_commit(chat_group(room.id), {"type": "chat.closed"})


def chat_presence_join(*, room_id: int, channel_name: str) -> None:
    ChatPresence.objects.update_or_create(
        channel_name=channel_name, defaults={"room_id": room_id, "seen_at": timezone.now()}
    )


def chat_presence_seen(*, channel_name: str) -> None:
    """A client's ping: still here."""
    ChatPresence.objects.filter(channel_name=channel_name).update(seen_at=timezone.now())


def chat_presence_sweep() -> int:
    """Forget connections that died unannounced (run on every scheduler pass, not on
    every ping: counts already leave them out)."""
    stale = ChatPresence.objects.filter(seen_at__lt=timezone.now() - PRESENCE_FRESH)
    return stale.delete()[0]


def chat_presence_leave(*, channel_name: str) -> None:
    ChatPresence.objects.filter(channel_name=channel_name).delete()


def chat_messages_export(*, user: User) -> list[dict[str, Any]]:
    return [
        {"room": room_title, "text": body, "sent_at": sent_at.isoformat()}
        for room_title, body, sent_at in ChatMessage.objects.filter(author=user)
        .order_by("id")
        .values_list("room__title", "body", "created_at")
    ]


def chat_messages_erase(*, user: User) -> None:
    ChatMessage.objects.filter(author=user).delete()


def _moderator(user: User | AnonymousUser) -> None:
    if not user.is_authenticated or not user.has_perm(MODERATE):
        raise Refused(_("Only moderators can do that."), code="forbidden")
