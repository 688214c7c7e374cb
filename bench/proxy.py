"""The scale profile under load, through its caching proxy (`deploy/scale.py`'s stack).

`python -m bench.proxy [PUBLISHES] [STREAMS]` (default 100 20000):
1. the cached article page through Varnish beside nginx serving the same bytes from a
   file, interleaved rounds of wrk (-t2 -c32), median of 3;
2. purge latency: PUBLISHES edits of an article, each timed from the moment its publish
   returns (committed, purge sent) and from the moment it starts, to the first response
   through the proxy that shows it, on the article, its section and the home page;
3. uncached throughput: the article page with a session cookie, which the proxy passes to
   the N web processes, and the PostgreSQL connections in use meanwhile at 256 clients;
4. STREAMS newsfeed readers through the proxy: publish-to-receive latency for events
   published by another process, and the PostgreSQL connections in use.

Needs root and Debian's postgresql, redis-server, varnish, varnish-modules, supervisor,
wrk and nginx. Its stack lives under var/bench/scale/ and is stopped at the end.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import sys
import threading
import time

import httpx
import uvloop

from bench import live
from bench.support import BENCH_VAR, at_most, nginx_serving, print_table, raise_file_limit, wrk
from deploy.scale import Stack

ARTICLE = "/en/russia/lavrov-miliband-extradition/"
ROUNDS = 3

PUBLISH_AND_WATCH = """
import json, time, httpx
from django.conf import settings
from dateline.core.purge import proxy_purge
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
from dateline.newsroom.surrogate_keys import page_change_keys
base = {base!r}
article = ArticlePage.objects.get(url_path__endswith="/russia/lavrov-miliband-extradition/",
                                  locale__language_code="en")
paths = [{article!r}, "/en/russia/", "/en/"]
client = httpx.Client(timeout=10)
purge, publish, first_fresh, stale = [], [], [], 0
for number in range({count}):
    for path in paths:  # every page cached before the change
        client.get(base + path); client.get(base + path)
    title = f"Lavrov and Miliband, edit {{number}} {{time.time_ns()}}"
    article.title = title
    started = time.perf_counter()
    article_publish(article=article)  # commits, then sends its purge
    publish.append((time.perf_counter() - started) * 1000)
    for path in paths:
        asked = time.perf_counter()
        fresh = title in client.get(base + path).text
        first_fresh.append((time.perf_counter() - asked) * 1000)
        stale += not fresh
    # The purge alone, as the publish sent it: the proxy's round trip.
    keys = " ".join(sorted(page_change_keys(article)))
    asked = time.perf_counter()
    proxy_purge(settings.DATELINE_PURGE_PROXIES[0], keys)
    purge.append((time.perf_counter() - asked) * 1000)
print(json.dumps({{"purge": purge, "publish": publish, "first_fresh": first_fresh,
                  "stale": stale}}))
"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cached_against_nginx(stack: Stack) -> list[list[object]]:
    url = stack.url + ARTICLE
    body = httpx.get(url).content
    assert httpx.get(url).headers["x-cache"] == "hit"
    rows = []
    with nginx_serving(body) as nginx:
        results: dict[str, list[dict]] = {"varnish": [], "nginx": []}
        for _ in range(ROUNDS):
            results["varnish"].append(wrk(url, seconds=10))
            if nginx:
                results["nginx"].append(wrk(nginx, seconds=10))
    for name, runs in results.items():
        if not runs:
            continue
        rps = statistics.median(r["rps"] for r in runs)
        p99 = statistics.median(r["p99_ms"] for r in runs)
        rows.append([name, f"{rps:,.0f}", f"{p99:.2f}", sum(r["errors"] for r in runs)])
    if len(rows) == 2:
        ratio = float(rows[0][1].replace(",", "")) / float(rows[1][1].replace(",", ""))
        rows.append(["varnish / nginx", f"{ratio:.2f}", "", ""])
    return rows


def purge_latency(stack: Stack, count: int) -> list[list[object]]:
    script = PUBLISH_AND_WATCH.format(base=stack.url, article=ARTICLE, count=count)
    result = json.loads(stack.manage("shell", "-c", script).strip().splitlines()[-1])
    rows = []
    for name, values in (
        ("purge round trip (the PURGE request a publish sends)", result["purge"]),
        ("publish, purge included (article_publish returns)", result["publish"]),
        ("first request after it, per page (an uncached render)", result["first_fresh"]),
    ):
        rows.append([name, f"{statistics.median(values):.1f}", f"{_percentile(values, 0.99):.1f}"])
    rows.append([f"stale first responses: {result['stale']} of {3 * count}", "", ""])
    return rows


class ConnectionSampler:
    """The most PostgreSQL connections to the site's database seen while it runs."""

    def __init__(self, stack: Stack) -> None:
        import psycopg

        self.connection = psycopg.connect(
            f"postgres://postgres@127.0.0.1:{stack.postgres_port}/postgres", autocommit=True
        )
        self.peak, self.running = 0, True
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'dateline'"
        while self.running:
            self.peak = max(self.peak, self.connection.execute(query).fetchone()[0])
            time.sleep(0.1)

    def __enter__(self) -> ConnectionSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False
        self.thread.join()
        self.connection.close()


def uncached(stack: Stack) -> list[list[object]]:
    rows = []
    for clients in (32, 256):
        with ConnectionSampler(stack) as sampler:
            result = wrk(
                stack.url + ARTICLE,
                seconds=10,
                connections=clients,
                headers={"Cookie": "sessionid=bench"},
            )
        rows.append(
            [
                clients,
                f"{result['rps']:,.0f}",
                f"{result['p50_ms']:.1f}",
                f"{result['p99_ms']:.1f}",
                result["errors"],
                sampler.peak,
            ]
        )
    return rows


CREATED = """
import json
from dateline.live.models import NewsEvent
events = NewsEvent.objects.filter(id__in={ids!r})
print(json.dumps({{e.id: e.created_at.timestamp() for e in events}}))
"""


def streams(stack: Stack, count: int) -> list[list[object]]:
    """`count` newsfeed readers through the proxy, spread by it over every web process;
    events published by another process: publish-to-receive latency over all readers."""
    # The proxy holds two descriptors per reader (reader and backend) in one process.
    files = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    possible = files // 2 - 1000
    if count > possible:
        print(
            f"\nbench.proxy: {count} readers capped at {possible}: this machine allows "
            f"{files} open files per process and the proxy holds two per reader"
        )
        count = possible
    received: dict[int, list[float]] = {}
    connected: list[int] = []

    async def run() -> int:
        with ConnectionSampler(stack) as sampler:
            tasks = []
            for number in range(count):
                tasks.append(asyncio.create_task(live.reader(stack.port, received, connected)))
                if number % 200 == 199:
                    await asyncio.sleep(0.05)
            deadline = time.monotonic() + 300
            while len(connected) < count and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            publish = live.PUBLISH.format(events=live.EVENTS)
            await asyncio.to_thread(stack.manage, "shell", "-c", publish)
            await asyncio.sleep(5)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return sampler.peak

    peak = uvloop.run(run())
    output = stack.manage("shell", "-c", CREATED.format(ids=list(received)))
    created = {int(k): v for k, v in json.loads(output.strip().splitlines()[-1]).items()}
    values = sorted(
        (arrived - created[event]) * 1000
        for event, times in received.items()
        if event in created
        for arrived in times
    )
    fewest = min((len(times) for times in received.values()), default=0)
    p99 = _percentile(values, 0.99) if values else None
    return [
        [
            count,
            len(connected),
            f"{fewest}/{len(connected)}",
            f"{statistics.median(values):.0f}" if values else "n/a",
            f"{p99:.0f}" if p99 is not None else "n/a",
            at_most(p99, 1000, "ms"),
            peak,
        ]
    ]


def main(argv: list[str] | None = None) -> None:
    if os.geteuid() != 0:
        print("\nbench.proxy: skipped, the scale stack needs root (PostgreSQL's own user)")
        return
    args = [int(a) for a in (argv if argv is not None else sys.argv[1:])]
    publishes, stream_count = (args + [100, 20000][len(args) :])[:2]
    raise_file_limit()
    stack = Stack(
        root=BENCH_VAR / "scale", port=18080, postgres_port=15432, redis_port=16379, web_port=18101
    )
    stack.start()
    try:
        print_table(
            "Cached article page (wrk -t2 -c32 -d10s, median of 3 interleaved rounds)",
            ["server", "req/s", "p99 ms", "errors"],
            cached_against_nginx(stack),
        )
        print_table(
            f"Purge latency over {publishes} publishes (article, section, home)",
            ["interval", "p50 ms", "p99 ms"],
            purge_latency(stack, publishes),
        )
        print_table(
            f"Uncached article page on {stack.web_processes} web processes (passed by the proxy)",
            ["clients", "req/s", "p50 ms", "p99 ms", "errors", "PG connections (peak)"],
            uncached(stack),
        )
        print_table(
            f"Newsfeed readers through the proxy on {stack.web_processes} web processes, "
            f"{live.EVENTS} events from another process",
            ["readers", "connected", "got all", "p50 ms", "p99 ms", "target", "PG conn. (peak)"],
            streams(stack, stream_count),
        )
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
