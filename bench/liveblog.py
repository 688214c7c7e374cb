"""Live coverage under load: N readers on one live blog while an editor posts an entry
every 2 seconds, and the newsroom's real-time view over 10 million counted views.

`python -m bench.liveblog [READERS] [ENTRIES] [VIEWS]` (default 5000, 10, 10000000).

1. READERS concurrent SSE readers of one live blog on one uvicorn process (the page's own
   stream, `?liveblog=`), ENTRIES entries posted from another process 2 seconds apart:
   delivery latency (entry committed → reader has it) p50/p99 over every reader and entry
   (target p99 ≤ 1 s), and whether every reader got every entry.
2. VIEWS views counted into the minute rows as the beacons count them (two days of minutes,
   300 of 3,000 pages read in each, the edition's split by where readers came from), then
   the real-time view's queries (`realtime_view`: both editions, views now, read most now
   and in the last hour, where from): p50/p99 of 20 runs (target ≤ 50 ms).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from datetime import timedelta

import uvloop
from tqdm import tqdm

from bench.live import latencies, reader
from bench.support import (
    ROOT,
    at_most,
    bench_environment,
    django_setup,
    prepare_database,
    print_table,
    raise_file_limit,
    redis_url,
    uvicorn_server,
)

MAKE_BLOG = """
from dateline.newsroom.models import LiveBlogPage, SectionPage
from dateline.newsroom.services import article_publish
import time
section = SectionPage.objects.get(locale__language_code="en", slug="world")
blog = LiveBlogPage(title="Bench live", slug=f"bench-live-{time.time_ns()}", lede="x",
                    live=False, locale_id=section.locale_id)
section.add_child(instance=blog)
article_publish(article=blog)
print(blog.id)
"""
POST_ENTRIES = """
import time
from dateline.newsroom.liveblog import entry_post
from dateline.newsroom.models import LiveBlogPage
blog = LiveBlogPage.objects.get(pk={blog})
for number in range({entries}):
    entry_post(blog=blog, author=None, fields={{"text": f"<p>Bench entry {{number}}</p>"}})
    time.sleep(2)
"""


async def readers_run(count: int, port: int, blog: int, entries: int, env: dict) -> tuple:
    received: dict[int, list[float]] = {}
    connected: list[int] = []
    path = f"/en/live/newsfeed/?liveblog={blog}"
    tasks = []
    for number in tqdm(range(count), desc="readers", unit="reader"):
        tasks.append(
            asyncio.create_task(reader(port, received, connected, path=path, kind="entry"))
        )
        if number % 200 == 199:
            await asyncio.sleep(0.05)
    deadline = time.monotonic() + 120
    while len(connected) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    poster = await asyncio.create_subprocess_exec(
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        POST_ENTRIES.format(blog=blog, entries=entries),
        cwd=ROOT,
        env=env,
    )
    await poster.wait()
    await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return len(connected), received


def views_fill(total: int) -> int:
    """`total` views as the beacons leave them: minute rows of two days. Returns rows."""
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale

    from dateline.live.models import PageViewMinute, ReferrerMinute
    from dateline.newsroom.models import ArticlePage

    PageViewMinute.objects.all().delete()
    ReferrerMinute.objects.all().delete()
    from dateline.newsroom.archive import archive_generate

    locales = list(Locale.objects.values_list("id", flat=True))
    missing = 3000 - ArticlePage.objects.count()
    if missing > 0:  # pages to count views of, written in bulk
        archive_generate(language_code="en", count=missing, progress=lambda n: None)
    pages = list(ArticlePage.objects.values_list("id", "locale_id")[:3000])
    now = timezone.now().replace(second=0, microsecond=0)
    minutes = 2 * 24 * 60
    per_row = max(total // (minutes * 300), 1)
    kinds = ["search", "social", "direct", "internal", "other"]
    random.seed(7)
    rows = 0
    table, referrers = PageViewMinute._meta.db_table, ReferrerMinute._meta.db_table
    for offset in tqdm(range(minutes), desc="minutes of views", unit="min"):
        minute = now - timedelta(minutes=offset)
        chosen = dict(random.sample(pages, 300))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_id, locale_id, minute, views) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(page, locale, minute, per_row) for page, locale in chosen.items()],
            )
            cursor.executemany(
                f"INSERT INTO {referrers} (locale_id, minute, kind, views) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(locale, minute, kind, per_row * 60) for locale in locales for kind in kinds],
            )
        rows += len(chosen)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner knows the tables' new size
    return rows


def dashboard_times(runs: int = 20) -> list[float]:
    from dateline.live.selectors import realtime_view

    realtime_view()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        realtime_view()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def main(count: int = 5000, entries: int = 10, views: int = 10_000_000) -> None:
    raise_file_limit()
    prepare_database()
    django_setup()
    import subprocess

    rows = []
    with redis_url() as redis:
        env = bench_environment(REDIS_URL=redis, DATELINE_LIVE_KEEPALIVE="30")
        made = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "shell", "-c", MAKE_BLOG],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        blog = int(made.stdout.strip().splitlines()[-1])
        with uvicorn_server(REDIS_URL=redis, DATELINE_LIVE_KEEPALIVE="30") as server:
            connected, received = uvloop.run(readers_run(count, server.port, blog, entries, env))
    values, fewest = latencies(received)
    p99 = values[max(int(len(values) * 0.99) - 1, 0)] if values else None
    rows.append(
        [
            f"{count} readers, {entries} entries 2 s apart",
            f"{connected} connected; each entry reached at least {fewest} of them"
            if len(received) == entries
            else f"only {len(received)} of {entries} entries seen",
            f"p50 {statistics.median(values):.0f} ms, p99 {p99:.0f} ms" if values else "n/a",
            at_most(p99, 1000, "ms"),
        ]
    )
    filled = views_fill(views)
    times = dashboard_times()
    p99_dashboard = times[-1]
    rows.append(
        [
            f"real-time view over {views:,} views ({filled:,} minute rows)",
            "20 runs of every query of the view",
            f"p50 {statistics.median(times):.1f} ms, max {p99_dashboard:.1f} ms",
            at_most(p99_dashboard, 50, "ms"),
        ]
    )
    print_table("Live coverage", ["measure", "", "value", "target"], rows)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
