"""Work that runs on every pass of the scheduler (scheduled publishing, due digests).

Apps register their pass in `ready()`; the scheduler loop, in the ASGI process or in
`manage.py run_scheduler`, runs them all, so nothing needs a separate cron.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_JOBS: dict[Callable[[], object], str] = {}


def periodic_register(job: Callable[[], object], *, report: str = "") -> None:
    """Run `job` on every pass; `report` (a format of its result, such as "published {}
    scheduled revision(s)") says what a pass did when the result is not zero or empty."""
    _JOBS.setdefault(job, report)


def periodic_run() -> list[str]:
    """Every registered pass, in the order the apps registered them; one that fails is
    logged and does not stop the others. What the passes did, as their reports say it."""
    reports = []
    for job, report in _JOBS.items():
        try:
            result = job()
        except Exception:
            logger.exception("Periodic job %s failed", job.__qualname__)
            continue
        if report and result:
            reports.append(report.format(result))
    return reports
