"""Database work in long-running loops (scheduler, worker, outbox watcher), which Django's
request cycle does not tidy up after."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import close_old_connections, connection

T = TypeVar("T")


def with_fresh_connection(function: Callable[..., T], /, **kwargs: Any) -> T:
    """`function(**kwargs)` on a usable connection of this thread.

    As Django does around each request: connections past CONN_MAX_AGE or known broken are
    closed first; after any error the connection is closed, so the next call reconnects
    (the database restarted, the network dropped) instead of failing on a dead one forever.
    """
    close_old_connections()
    try:
        return function(**kwargs)
    except Exception:
        connection.close()
        raise


class FailureStreak:
    """Failures in a row of a long-running loop (scheduler, worker, outbox watcher).

    A database outage fails every pass: the first failure and every `every`-th are logged
    with their traceback, the recovery once, and the wait before the next try doubles up
    to a cap, without a log line per second of the outage.
    """

    def __init__(self, logger: logging.Logger, what: str, *, every: int = 100) -> None:
        self.logger, self.what, self.every = logger, what, every
        self.count = 0

    def failed(self) -> None:
        """Call from an `except` block."""
        self.count += 1
        if self.count == 1 or self.count % self.every == 0:
            self.logger.exception("%s failed (%d in a row)", self.what, self.count)

    def succeeded(self) -> None:
        if self.count:
            self.logger.warning("%s works again after %d failures", self.what, self.count)
            self.count = 0

    def backoff(self, base: float, cap: float) -> float:
        """Seconds to wait before the next try."""
        return min(cap, base * 2 ** min(self.count, 8))
