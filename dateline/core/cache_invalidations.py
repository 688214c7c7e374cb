"""Changes that every web process must apply to the pages and reads it keeps in memory.

In the embedded profile each process keeps its own pages (`page_store`) and cached reads
(`cache_generation`), so a change made in one process (an editor's publish, the
scheduler's, a command's) has to reach the others. It travels as a row written in the
change's own transaction, so it exists exactly when the change does; the process that
made it applies it as it commits, every other web process's watcher reads it within
`DATELINE_PAGE_CACHE_POLL` seconds (see `row_watcher`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dateline.core.cache_generation import cache_generation_bump, cached_reads_per_process
from dateline.core.models import CacheInvalidation
from dateline.core.page_cache import page_store
from dateline.core.row_watcher import PROCESS_ID, RowWatcher

KEPT_FOR = timedelta(days=1)


def invalidation_record(keys: Iterable[str], *, withdrawn: bool) -> None:
    """Have every web process forget the pages and cached reads `keys` name, once this
    transaction commits."""
    names = " ".join(sorted({key for key in keys if key}))
    if not names or not cached_reads_per_process():
        return
    CacheInvalidation.objects.create(keys=names, withdrawn=withdrawn, origin=PROCESS_ID)
    transaction.on_commit(partial(_apply, (names, withdrawn)))


def invalidations_prune() -> int:
    """Rows older than any process still needs (a scheduler pass)."""
    deleted, _ = CacheInvalidation.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted


def invalidation_watcher() -> RowWatcher | None:
    """This process's reader of other processes' changes, where pages and reads are kept
    in memory (with the page cache off too: the edition chrome, listings, routes)."""
    if not cached_reads_per_process():
        return None
    return RowWatcher(
        name="invalidations",
        interval=settings.DATELINE_PAGE_CACHE_POLL,
        model=CacheInvalidation,
        fields=("keys", "withdrawn"),
        apply=_apply,
    )


def _apply(change: tuple[str, bool]) -> None:
    keys, withdrawn = change
    page_store().forget(keys.split(), withdrawn=withdrawn)
    cache_generation_bump()  # this process's cached reads (chrome, listings)
