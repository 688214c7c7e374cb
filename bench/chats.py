"""A chat room under load: N WebSocket readers in one room on one uvicorn process.

`python -m bench.chats [N ...]` (default 1000). A signed-in reader sends a few messages;
for each, the time from sending to arrival at every reader (p50/p99 over all readers),
and server memory per connection. The Redis channel layer, as in the scale profile.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time

import uvloop
import websockets

from bench.support import (
    at_most,
    django_setup,
    prepare_database,
    print_table,
    raise_file_limit,
    redis_url,
    rss_kib,
    uvicorn_server,
)

MESSAGES = 5


def room_and_session() -> tuple[int, str]:
    """The English general room, and a session cookie of a reader allowed to write."""
    django_setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from dateline.chats.models import ChatMessage, ChatRoomPage

    room = ChatRoomPage.objects.get(locale__language_code="en", kind=ChatRoomPage.Kind.GENERAL)
    ChatMessage.objects.filter(room=room).delete()  # each run starts from an empty history
    user, _ = get_user_model().objects.get_or_create(
        username="bench-chat", defaults={"email": "bench-chat@example.org"}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client = Client()
    client.force_login(user)
    return room.id, client.cookies[settings.SESSION_COOKIE_NAME].value


async def listen(url: str, origin: str, arrivals: dict[str, list[float]], joined: list[int]):
    async with websockets.connect(url, origin=origin, max_queue=None, open_timeout=120) as socket:
        async for frame in socket:
            data = json.loads(frame)
            if data["type"] == "hello":
                joined.append(1)
            elif data["type"] == "message":
                arrivals.setdefault(data["html"], []).append(time.time())


async def run(count: int, port: int, pid: int, room_id: int, session: str) -> list[object]:
    url = f"ws://127.0.0.1:{port}/ws/chats/{room_id}/"
    origin = f"http://127.0.0.1:{port}"
    arrivals: dict[str, list[float]] = {}
    joined: list[int] = []
    before = rss_kib(pid)
    tasks = []
    for number in range(count):
        tasks.append(asyncio.create_task(listen(url, origin, arrivals, joined)))
        if number % 100 == 99:
            await asyncio.sleep(0.1)
    deadline = time.monotonic() + 120
    while len(joined) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    after = rss_kib(pid)

    sent: dict[str, float] = {}
    headers = {"Cookie": f"sessionid={session}"}
    async with websockets.connect(url, origin=origin, additional_headers=headers) as sender:
        hello = json.loads(await sender.recv())
        if not hello["can_send"]:
            raise SystemExit("the bench reader may not write in the room")
        for number in range(MESSAGES):
            text = f"bench message {number} {time.time_ns()}"
            sent[text] = time.time()
            await sender.send(json.dumps({"type": "send", "body": text}))
            await asyncio.sleep(1)
        await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    latencies = sorted(
        (arrived - sent[text]) * 1000 for text, times in arrivals.items() for arrived in times
    )
    fewest = min((len(arrivals.get(text, [])) for text in sent), default=0)
    return [count, len(joined), f"{fewest}/{len(joined)}", latencies, (after - before) / count]


def main(counts: list[int]) -> None:
    # The readers run on uvloop, as the server does: their own lag is part of each figure.
    raise_file_limit()
    prepare_database()
    room_id, session = room_and_session()
    rows = []
    with redis_url() as redis:
        for count in counts:
            # Writing fast is the point here; readers' limits are tested, not measured.
            with uvicorn_server(REDIS_URL=redis, DATELINE_CHAT_RATE="1000/m") as server:
                total, joined, every, values, per_connection = uvloop.run(
                    run(count, server.port, server.pid, room_id, session)
                )
            p50 = f"{statistics.median(values):.0f}" if values else "n/a"
            p99 = values[int(len(values) * 0.99) - 1] if values else None
            rows.append(
                [
                    total,
                    joined,
                    every,
                    p50,
                    f"{p99:.0f}" if p99 is not None else "n/a",
                    at_most(p99, 250, "ms"),
                    f"{per_connection:.1f}",
                ]
            )
    print_table(
        f"Chat room over WebSockets, one uvicorn process, Redis layer, {MESSAGES} messages",
        ["readers", "joined", "got every message", "p50 ms", "p99 ms", "target", "KiB/socket"],
        rows,
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
