"""Work that runs on every pass of the scheduler (scheduled publishing, due digests).

Apps register their pass in `ready()`; the scheduler loop, in the ASGI process or in
`manage.py run_scheduler`, runs them all, so nothing needs a separate cron.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_JOBS: list[Callable[[], object]] = []


def periodic_register(job: Callable[[], object]) -> None:
    if job not in _JOBS:
        _JOBS.append(job)


def periodic_run() -> None:
    """Every registered pass; one that fails is logged and does not stop the others."""
    for job in _JOBS:
        try:
            job()
        except Exception:
            logger.exception("Periodic job %s failed", job.__qualname__)
