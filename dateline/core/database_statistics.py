"""The statistics SQLite's query planner chooses indexes by, refreshed on the scheduler's
passes (hourly) and after bulk writes.

SQLite keeps them only when asked (ANALYZE). Without them it guesses, and with a large
archive some guesses read every article of an edition: an author's page walked the
edition newest first looking for the author's few articles instead of starting from them.
`analysis_limit` keeps a refresh to a sample per index (0.2 s at 200,000 articles).
PostgreSQL's autovacuum keeps its own statistics.
"""

from __future__ import annotations

import time

from django.db import connection

EVERY_SECONDS = 3600
SAMPLE_ROWS = 1000

_last_refresh: float | None = None


def database_statistics_refresh(*, now: bool = False) -> bool:
    """Refresh SQLite's statistics if an hour has passed (or `now`); whether it did."""
    global _last_refresh
    if connection.vendor != "sqlite":
        return False
    started = time.monotonic()
    if not now and _last_refresh is not None and started - _last_refresh < EVERY_SECONDS:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {SAMPLE_ROWS}")
        cursor.execute("ANALYZE")
    _last_refresh = started
    return True
