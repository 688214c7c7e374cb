"""Render time and SQL queries of the main pages in-process, then HTTP throughput.

Targets (issue 2, on this 2-core machine): an article page in at most 6 queries and 5 ms,
at least twice plain Wagtail's 147 requests/s uncached, and from the page cache at least
0.15 x nginx serving the same bytes, measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import time

import httpx

from bench.support import (
    BENCH_VAR,
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
    with uvicorn_server() as server:
        body = httpx.get(server.url + path).content
        cached = wrk(server.url + path)
    with uvicorn_server(DATELINE_PAGE_CACHE="off") as server:
        uncached = wrk(server.url + path)
    with nginx_serving(body) as nginx_base:
        nginx = wrk(nginx_base + "/") if nginx_base else None
    for label, result in (
        ("dateline uncached", uncached),
        ("dateline page cache", cached),
        ("nginx, same bytes", nginx),
    ):
        if result is None:
            rows.append([label, "n/a", "n/a", "n/a", "tool missing"])
        else:
            rows.append(
                [
                    label,
                    f"{result['rps']:.0f}",
                    f"{result['p50_ms']:.2f}",
                    f"{result['p99_ms']:.2f}",
                    result["errors"],
                ]
            )
    if cached and nginx:
        rows.append(
            ["cache / nginx", f"{cached['rps'] / nginx['rps']:.2f}", "", "", "target >= 0.15"]
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
        "HTTP, article page, wrk -t2 -c32 -d10s, one uvicorn process",
        ["server", "req/s", "p50 ms", "p99 ms", "non-2xx"],
        over_http(),
    )


if __name__ == "__main__":
    main()
