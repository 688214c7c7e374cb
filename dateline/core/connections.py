"""Database work in long-running loops (scheduler, worker, outbox watcher), which Django's
request cycle does not tidy up after."""

from __future__ import annotations

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
