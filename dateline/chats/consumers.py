"""A chat room over a WebSocket: history on joining, then live messages; everyone reads,
signed-in readers write, moderators delete, mute and close.

Client → server: {"type": "send", "body"} · {"type": "delete", "id"} ·
{"type": "mute", "user", "minutes"} · {"type": "close"} · {"type": "ping"} (each minute).
Server → client: "hello" (history, rights, head count), "message", "deleted", "closed",
"error" (code and message; nothing was stored).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.chats import selectors, services
from dateline.chats.models import ChatRoomPage
from dateline.core.consumers import NOT_FOUND
from dateline.core.errors import Refused
from dateline.core.ids import LARGEST_ID, id_from_text
from dateline.live.groups import chat_group

MAX_FRAME = 8 * 1024  # bytes; far above the longest message a reader may send
RESUME_WINDOW = timedelta(hours=24)  # removals a resuming reader is told about


class ChatConsumer(AsyncJsonWebsocketConsumer):
    room: ChatRoomPage

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels' own dispatch closes stale database connections before every message,
        a hop to its one database thread each: a room's thousand sockets queued a thousand
        hops behind each chat line. Every handler here that reads or writes goes through
        `database_sync_to_async`, which closes them itself; the room's messages touch no
        database at all."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        room = await database_sync_to_async(selectors.chat_room_live)(
            room_id=self.scope["url_route"]["kwargs"]["room_id"]
        )
        if room is None:
            await self.close(code=NOT_FOUND)
            return
        self.room = room
        self.group = chat_group(room.id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(await database_sync_to_async(self._hello)(self._after_id()))

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await database_sync_to_async(services.chat_presence_leave)(
                channel_name=self.channel_name
            )

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if bytes_data is not None or text_data is None:
            await self._error("format", _("Messages are JSON text."))
            return
        try:
            size = len(text_data.encode())
        except UnicodeEncodeError:  # a lone UTF-16 half: no text at all
            await self._error("format", _("Messages are JSON text."))
            return
        if size > MAX_FRAME:
            await self._error("too_large", _("That message is too large."))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self._error("format", _("Messages are JSON text."))
            return
        if not isinstance(content, dict):
            await self._error("format", _("Messages are JSON text."))
            return
        await self.receive_json(content)

    async def receive_json(self, content: dict[str, Any], **kwargs: Any) -> None:
        handler = {
            "send": self._send_message,
            "delete": self._delete,
            "mute": self._mute,
            "close": self._close_room,
            "ping": self._ping,
        }.get(str(content.get("type")))
        if handler is None:
            await self._error("unknown", _("Unknown request."))
            return
        try:
            await database_sync_to_async(handler)(content)
        except Refused as refusal:
            await self._error(refusal.code, refusal.message)

    # Requests, run in a worker thread with the database.

    def _send_message(self, content: dict[str, Any]) -> None:
        body = content.get("body")
        if not isinstance(body, str):
            raise Refused(_("Write something first."), code="empty")
        self.room.refresh_from_db(fields=["closed_at"])
        services.chat_message_post(author=self.scope["user"], room=self.room, body=body)

    def _delete(self, content: dict[str, Any]) -> None:
        services.chat_message_delete(
            moderator=self.scope["user"], room=self.room, message_id=_whole(content.get("id"))
        )

    def _mute(self, content: dict[str, Any]) -> None:
        services.chat_mute(
            moderator=self.scope["user"],
            room=self.room,
            user_id=_whole(content.get("user")),
            minutes=_whole(content.get("minutes")),
        )

    def _ping(self, content: dict[str, Any]) -> None:
        services.chat_presence_seen(channel_name=self.channel_name)

    def _close_room(self, content: dict[str, Any]) -> None:
        services.chat_room_close(moderator=self.scope["user"], room=self.room)

    def _hello(self, after_id: int | None) -> dict[str, Any]:
        services.chat_presence_join(room_id=self.room.id, channel_name=self.channel_name)
        user = self.scope["user"]
        history = selectors.chat_history(room_id=self.room.id, after_id=after_id)
        return {
            "type": "hello",
            "room": self.room.id,
            "closed": self.room.is_closed,
            "present": selectors.chat_present(room_id=self.room.id),
            "can_send": user.is_authenticated and not self.room.is_closed,
            "can_moderate": user.is_authenticated and user.has_perm(services.MODERATE),
            "max_length": settings.DATELINE_CHAT_MAX_LENGTH,
            "messages": [services.chat_message_payload(message=message) for message in history],
            # A resumed connection also learns what staff removed while it was away.
            "deleted": (
                selectors.chat_deleted_since(
                    room_id=self.room.id, since=timezone.now() - RESUME_WINDOW
                )
                if after_id is not None
                else []
            ),
        }

    def _after_id(self) -> int | None:
        """`?after=ID` from a reconnecting client: only what it has not seen."""
        values = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("after", [])
        try:
            return id_from_text(values[0]) if values else None
        except ValueError:
            return None

    async def _error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})

    # Group messages, sent by services after their commit.

    async def chat_message(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["frame"])

    async def chat_deleted(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "deleted", "id": event["id"]})

    async def chat_closed(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "closed"})


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= LARGEST_ID:
        raise Refused(_("Ids and minutes are whole numbers."), code="format")
    return value
