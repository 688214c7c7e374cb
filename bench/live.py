"""Newsfeed streams under load: N concurrent SSE readers on one uvicorn process.

`python -m bench.live [N ...]` (default 1000 5000). For each N: server memory per
connection, and publish-to-receive latency (p50/p99 over all readers) for a few events
published from another process, which the server's outbox watcher finds in the database
(the scale profile's Redis, started here from Debian's redis-server when REDIS_URL is not
set, is the cache; events do not travel through it).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from datetime import datetime

import uvloop

from bench.support import (
    ROOT,
    at_most,
    bench_environment,
    django_setup,
    prepare_database,
    print_table,
    raise_file_limit,
    redis_url,
    rss_kib,
    uvicorn_server,
)

EVENTS = 5
PUBLISH = """
import time
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.services import article_publish
section = SectionPage.objects.get(locale__language_code="en", slug="world")
for number in range({events}):
    title = f"Bench event {{time.time_ns()}}"
    page = ArticlePage(title=title, slug=f"bench-{{time.time_ns()}}", lede="x", live=False,
                       locale_id=section.locale_id)
    section.add_child(instance=page)
    article_publish(article=page)
    time.sleep(1.5)
"""


async def reader(
    port: int,
    received: dict[int, list[float]],
    connected: list[int],
    *,
    path: str = "/en/live/newsfeed/",
    kind: str | None = None,
) -> None:
    """One SSE reader of `path`: when it has each event (of `kind`, or any) by event id."""
    reader_stream, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    subscribed = False
    try:
        while True:
            line = await reader_stream.readline()
            if not line:
                return
            if line.startswith(b"retry:") and not subscribed:
                subscribed = True
                connected.append(1)
            elif line.startswith(b"data:"):
                event = json.loads(line[5:])
                if kind is None or event.get("kind") == kind:
                    received.setdefault(event["id"], []).append(time.time())
    except (asyncio.CancelledError, ConnectionError):
        pass
    finally:
        writer.close()


async def run(count: int, port: int, server_pid: int, env: dict) -> list[object]:
    received: dict[int, list[float]] = {}
    connected: list[int] = []
    before = rss_kib(server_pid)
    tasks = []
    for number in range(count):
        tasks.append(asyncio.create_task(reader(port, received, connected)))
        if number % 200 == 199:
            await asyncio.sleep(0.05)
    deadline = time.monotonic() + 120
    while len(connected) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    after = rss_kib(server_pid)
    publisher = await asyncio.create_subprocess_exec(
        sys.executable, "manage.py", "shell", "-c", PUBLISH.format(events=EVENTS), cwd=ROOT, env=env
    )
    await publisher.wait()
    await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return [count, len(connected), received, (after - before) / max(len(connected), 1)]


def latencies(received: dict[int, list[float]]) -> tuple[list[float], int]:
    django_setup()
    from dateline.live.models import NewsEvent

    created = {e.id: e.created_at for e in NewsEvent.objects.filter(id__in=received)}
    values = []
    for event_id, times in received.items():
        start = (
            created[event_id].timestamp() if isinstance(created.get(event_id), datetime) else None
        )
        if start is not None:
            values.extend((t - start) * 1000 for t in times)
    return sorted(values), min((len(t) for t in received.values()), default=0)


def main(counts: list[int]) -> None:
    # The readers run on uvloop, as the server does: their own lag is part of each figure.
    raise_file_limit()
    prepare_database()
    rows = []
    with redis_url() as redis:
        env = bench_environment(REDIS_URL=redis, DATELINE_LIVE_KEEPALIVE="30")
        for count in counts:
            with uvicorn_server(REDIS_URL=redis, DATELINE_LIVE_KEEPALIVE="30") as server:
                total, connected, received, per_connection = uvloop.run(
                    run(count, server.port, server.pid, env)
                )
            values, fewest = latencies(received)
            p99 = values[int(len(values) * 0.99) - 1] if values else None
            rows.append(
                [
                    total,
                    connected,
                    f"{fewest}/{connected}",
                    f"{statistics.median(values):.0f}" if values else "n/a",
                    f"{p99:.0f}" if p99 is not None else "n/a",
                    at_most(p99, 1000, "ms"),
                    f"{per_connection:.1f}",
                    at_most(per_connection, 64, "KiB"),
                ]
            )
    print_table(
        f"Newsfeed SSE, one uvicorn process, outbox watcher, {EVENTS} events from another process",
        [
            "readers",
            "connected",
            "got every event",
            "p50 ms",
            "p99 ms",
            "target",
            "KiB/stream",
            "target",
        ],
        rows,
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
