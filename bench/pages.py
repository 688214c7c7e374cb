"""Render time and SQL queries of the main pages in-process, then HTTP throughput as
`make run` serves (one process per core, DEBUG off), then the home page's latency while an
editor publishes every 5 seconds.

Targets (issue 13, beside each figure as a ratio of the same run): uncached article at
least 0.006 x nginx serving the same bytes (twice plain Wagtail's 153 req/s measured beside
nginx's 41,700 on this kind of 2-core machine); from the page cache at least 0.5 x nginx
and p99 at most 10 ms; home p99 at most 100 ms while publishing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import httpx

from bench.support import (
    BENCH_VAR,
    MAKE_RUN_WORKERS,
    ROOT,
    bench_environment,
    nginx_serving,
    prepare_database,
    print_table,
    uvicorn_server,
    wrk,
)

PAGES = {
    "home": "/en/",
    "section": "/en/russia/",
    "article": "/en/russia/lavrov-miliband-extradition/",
}
RENDERS = 200


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def in_process() -> list[list[object]]:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
            "DATELINE_VAR_DIR": str(BENCH_VAR),
            "DEBUG": "false",
        }
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    rows = []
    for name, path in PAGES.items():
        client.get(path)  # warm caches and renditions
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(RENDERS):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        rows.append(
            [
                name,
                counter.count,
                f"{statistics.median(timings):.2f}",
                f"{sorted(timings)[int(RENDERS * 0.95)]:.2f}",
                f"{len(response.content) / 1024:.1f}",
            ]
        )
    return rows


def over_http() -> list[list[object]]:
    rows = []
    path = PAGES["article"]
    with uvicorn_server(workers=MAKE_RUN_WORKERS) as server:
        body = httpx.get(server.url + path).content
        cached = wrk(server.url + path)
    with uvicorn_server(workers=MAKE_RUN_WORKERS, DATELINE_PAGE_CACHE="off") as server:
        uncached = wrk(server.url + path)
    with nginx_serving(body) as nginx_base:
        nginx = wrk(nginx_base + "/") if nginx_base else None
    for label, result in (
        ("dateline uncached", uncached),
        ("dateline page cache", cached),
        ("nginx, same bytes", nginx),
    ):
        if result is None:
            rows.append([label, "n/a", "n/a", "n/a", "tool missing", ""])
        else:
            rows.append(
                [
                    label,
                    f"{result['rps']:.0f}",
                    f"{result['p50_ms']:.2f}",
                    f"{result['p99_ms']:.2f}",
                    result["errors"],
                    "",
                ]
            )
    if nginx:
        for label, result, target in (
            ("uncached / nginx", uncached, 0.006),
            ("page cache / nginx", cached, 0.5),
        ):
            ratio = result["rps"] / nginx["rps"] if result else 0
            met = "met" if ratio >= target else "NOT MET"
            rows.append([label, f"{ratio:.4f}", "", "", "", f">= {target} {met}"])
    if cached:
        met = "met" if cached["p99_ms"] <= 10 else "NOT MET"
        rows.append(["page cache p99", "", "", f"{cached['p99_ms']:.2f}", "", f"<= 10 ms {met}"])
    return rows


# An editor re-publishes the newest articles, one every 5 seconds, from its own process.
PUBLISHER = """
import time
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
articles = list(ArticlePage.objects.live().order_by("-first_published_at")[:5])
for round in range({rounds}):
    time.sleep(2.5)
    article_publish(article=articles[round % len(articles)])
    time.sleep(2.5)
"""


def while_publishing(seconds: int = 30) -> list[list[object]]:
    """The home page under load while another process publishes every 5 s, on the demo
    and on an archive of 200,000 articles (`bench.archive` builds and keeps it)."""
    from bench.archive import database_with

    rows = []
    for label, database in (("demo", None), ("200,000 articles", database_with(200_000))):
        extra = {"DATABASE_URL": f"sqlite:///{database}"} if database else {}
        with uvicorn_server(workers=MAKE_RUN_WORKERS, **extra) as server:
            httpx.get(server.url + "/en/")
            publisher = subprocess.Popen(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", "shell", "-c", PUBLISHER.format(rounds=seconds // 5)],
                cwd=ROOT,
                env=bench_environment(**extra),
            )
            result = wrk(server.url + "/en/", seconds=seconds)
            publisher.wait(timeout=60)
        if result is None:
            rows.append([f"home, {label}", "n/a", "n/a", "n/a", "tool missing", ""])
            continue
        met = "met" if result["p99_ms"] <= 100 else "NOT MET"
        rows.append(
            [
                f"home, {label}, {seconds // 5} publishes",
                f"{result['rps']:.0f}",
                f"{result['p50_ms']:.2f}",
                f"{result['p99_ms']:.2f}",
                result["errors"],
                f"p99 <= 100 ms {met}",
            ]
        )
    return rows


def main() -> None:
    prepare_database()
    print_table(
        "In-process render (Django test client, warm caches)",
        ["page", "queries", "median ms", "p95 ms", "KB"],
        in_process(),
    )
    print_table(
        f"HTTP, article page, wrk -t2 -c32 -d10s, {MAKE_RUN_WORKERS} uvicorn processes",
        ["server", "req/s", "p50 ms", "p99 ms", "non-2xx", "target"],
        over_http(),
    )
    print_table(
        "HTTP, home page while an editor publishes every 5 s, wrk -t2 -c32",
        ["page", "req/s", "p50 ms", "p99 ms", "non-2xx", "target"],
        while_publishing(),
    )


if __name__ == "__main__":
    main()
