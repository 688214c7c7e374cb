"""Chat rooms through Channels' WebsocketCommunicator against the project's real socket app."""

import asyncio
import json
import threading
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from dateline.accounts.services import reader_ban
from dateline.asgi import websockets
from dateline.chats.models import ChatIndexPage, ChatMessage, ChatPresence, ChatRoomPage
from dateline.chats.services import chat_presence_sweep
from dateline.comments.tests.factories import reader_for_test
from dateline.live.groups import chat_group
from dateline.newsroom.tests.factories import edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGIN = (b"origin", b"http://testserver")


@pytest.fixture
def room():
    home = edition_tree().homes["en"]
    index = home.add_child(instance=ChatIndexPage(title="Chats", slug="chats"))
    return index.add_child(instance=ChatRoomPage(title="General", slug="general"))


@pytest.fixture
def anna():
    return reader_for_test("Anna")


@pytest.fixture
def moderator():
    user = reader_for_test("Moderator")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def cookie_for(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def joined(room_id: int, user=None, *, query: str = "", origin=ORIGIN):
    headers = [origin]
    if user is not None:
        headers.append(await sync_to_async(cookie_for)(user))
    path = f"/ws/chats/{room_id}/" + (f"?{query}" if query else "")
    socket = WebsocketCommunicator(websockets, path, headers=headers)
    connected, _code = await socket.connect()
    assert connected
    hello = await socket.receive_json_from()
    assert hello["type"] == "hello"
    return socket, hello


async def error_code(socket) -> str:
    answer = await socket.receive_json_from()
    assert answer["type"] == "error", answer
    return answer["code"]


def test_everyone_reads_the_last_fifty_then_live_messages(room, anna):
    ChatMessage.objects.bulk_create(
        ChatMessage(room=room, author=anna, body=f"Old {number}") for number in range(60)
    )
    async_to_sync(_reads)(room, anna)


async def _reads(room, anna):
    reader, hello = await joined(room.id)
    assert [m["html"] for m in hello["messages"]][:1] == ["Old 10"]
    assert len(hello["messages"]) == 50
    assert hello["can_send"] is False and hello["present"] == 1
    writer, hello = await joined(room.id, anna)
    assert hello["can_send"] is True and hello["present"] == 2
    await writer.send_json_to({"type": "send", "body": "<b>Hello</b> https://example.org"})
    for socket in (reader, writer):
        message = await socket.receive_json_from()
        assert message["type"] == "message" and message["author"] == "Anna"
        assert message["html"].startswith("&lt;b&gt;Hello&lt;/b&gt; <a href=")
        assert 'rel="nofollow ugc noopener"' in message["html"]
    await reader.disconnect()
    await writer.disconnect()


def test_sends_that_break_a_rule_are_refused_and_not_stored(room, anna, settings):
    settings.DATELINE_CHAT_RATE = "2/m"
    async_to_sync(_refusals)(room, anna)
    assert list(ChatMessage.objects.values_list("body", flat=True)) == ["one", "two"]


async def _refusals(room, anna):
    anonymous, _hello = await joined(room.id)
    await anonymous.send_json_to({"type": "send", "body": "Hi"})
    assert await error_code(anonymous) == "signin"
    await anonymous.disconnect()
    socket, _hello = await joined(room.id, anna)
    await socket.send_json_to({"type": "send", "body": "x" * 501})
    assert await error_code(socket) == "too_long"
    await socket.send_to(text_data="y" * 10_000)
    assert await error_code(socket) == "too_large"
    await socket.send_to(text_data="{not json")
    assert await error_code(socket) == "format"
    await socket.send_json_to({"type": "send", "body": "   "})
    assert await error_code(socket) == "empty"
    await socket.send_json_to({"type": "delete", "id": 1})
    assert await error_code(socket) == "forbidden"
    for body in ("one", "two"):
        await socket.send_json_to({"type": "send", "body": body})
        assert (await socket.receive_json_from())["type"] == "message"
    await socket.send_json_to({"type": "send", "body": "three"})
    assert await error_code(socket) == "rate"
    await socket.disconnect()


def test_moderators_delete_mute_and_close(room, anna, moderator):
    async_to_sync(_moderation)(room, anna, moderator)
    assert ChatRoomPage.objects.get(pk=room.pk).is_closed
    assert ChatMessage.objects.filter(deleted_at__isnull=True).count() == 0


async def _moderation(room, anna, moderator):
    staff, hello = await joined(room.id, moderator)
    assert hello["can_moderate"] is True
    socket, _hello = await joined(room.id, anna)
    await socket.send_json_to({"type": "send", "body": "Spam spam"})
    message = await socket.receive_json_from()
    assert (await staff.receive_json_from())["id"] == message["id"]
    await staff.send_json_to({"type": "delete", "id": message["id"]})
    for each in (staff, socket):
        assert await each.receive_json_from() == {"type": "deleted", "id": message["id"]}
    await staff.send_json_to({"type": "mute", "user": message["author_id"], "minutes": 30})
    await socket.send_json_to({"type": "send", "body": "Let me speak"})
    assert await error_code(socket) == "muted"
    await staff.send_json_to({"type": "close"})
    for each in (staff, socket):
        assert await each.receive_json_from() == {"type": "closed"}
    await staff.send_json_to({"type": "send", "body": "Closed now"})
    assert await error_code(staff) == "closed"
    await staff.disconnect()
    await socket.disconnect()


def test_reconnecting_resumes_without_duplicates_and_learns_of_removals(room, anna):
    ChatMessage.objects.bulk_create(
        ChatMessage(room=room, author=anna, body=f"Message {number}") for number in range(5)
    )
    ids = sorted(ChatMessage.objects.values_list("id", flat=True))
    ChatMessage.objects.filter(id=ids[1]).update(deleted_at=timezone.now())  # while away
    async_to_sync(_resume)(room, seen=ids[2], removed=ids[1])


async def _resume(room, seen, removed):
    socket, hello = await joined(room.id, query=f"after={seen}")
    assert [m["html"] for m in hello["messages"]] == ["Message 3", "Message 4"]
    assert hello["deleted"] == [removed]
    await socket.disconnect()
    fresh, hello = await joined(room.id)  # a first visit has nothing to take back
    assert hello["deleted"] == []
    await fresh.disconnect()


def test_presence_counts_only_connections_that_still_ping(room):
    ChatPresence.objects.create(
        room=room, channel_name="specific.dead!1", seen_at=timezone.now() - timedelta(hours=1)
    )
    async_to_sync(_presence)(room)
    assert list(ChatPresence.objects.values_list("channel_name", flat=True)) == []


async def _presence(room):
    socket, hello = await joined(room.id)
    assert hello["present"] == 1  # the row of a server that died is not counted
    await sync_to_async(ChatPresence.objects.exclude(channel_name="specific.dead!1").update)(
        seen_at=timezone.now() - timedelta(minutes=10)  # stale, until it pings
    )
    await socket.send_json_to({"type": "ping"})
    await socket.send_json_to({"type": "bogus"})  # answered in order: the ping is done by then
    assert await error_code(socket) == "unknown"
    assert await sync_to_async(chat_presence_sweep)() == 1  # only the dead row: ours pinged
    assert await sync_to_async(ChatPresence.objects.count)() == 1
    await socket.disconnect()


def test_muting_someone_who_does_not_exist_is_refused(room, moderator):
    async_to_sync(_mute_nobody)(room, moderator)


async def _mute_nobody(room, moderator):
    staff, _hello = await joined(room.id, moderator)
    await staff.send_json_to({"type": "mute", "user": 999999, "minutes": 5})
    assert await error_code(staff) == "not_found"
    await staff.send_json_to({"type": "send", "body": "still connected"})
    assert (await staff.receive_json_from())["type"] == "message"
    await staff.disconnect()


def test_banned_readers_cannot_write(room, anna, moderator):
    reader_ban(moderator=moderator, user=anna, reason="Abuse")
    async_to_sync(_banned)(room, anna)
    assert not ChatMessage.objects.exists()


async def _banned(room, anna):
    socket, _hello = await joined(room.id, anna)
    await socket.send_json_to({"type": "send", "body": "Hello again"})
    assert await error_code(socket) == "banned"
    await socket.disconnect()


def test_sockets_from_other_sites_and_to_unknown_rooms_are_refused(room):
    async_to_sync(_refused_connections)(room)


async def _refused_connections(room):
    foreign = WebsocketCommunicator(
        websockets, f"/ws/chats/{room.id}/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _code = await foreign.connect()
    assert not connected
    unknown = WebsocketCommunicator(websockets, "/ws/chats/999999/", headers=[ORIGIN])
    connected, code = await unknown.connect()
    assert not connected and code == 4404


def test_a_room_message_reaches_every_socket_while_the_database_thread_is_busy(room):
    async_to_sync(_while_busy)(room)


async def _while_busy(room):
    """A room's message needs no database: it must not queue behind the one thread that
    serves the database (a thousand sockets would wait their turn on it one by one)."""
    first, _hello = await joined(room.id)
    second, _hello = await joined(room.id)
    started, release = threading.Event(), threading.Event()

    def hold_the_database_thread() -> None:
        started.set()
        release.wait()

    held = asyncio.ensure_future(sync_to_async(hold_the_database_thread)())
    await sync_to_async(started.wait, thread_sensitive=False)()
    try:
        frame = json.dumps({"type": "message", "html": "Now"})
        await get_channel_layer().group_send(
            chat_group(room.id), {"type": "chat.message", "frame": frame}
        )
        for socket in (first, second):
            assert (await socket.receive_json_from(timeout=5))["html"] == "Now"
    finally:
        release.set()
        await held
    await first.disconnect()
    await second.disconnect()
