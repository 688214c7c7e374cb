"""Purges sent to the caching proxies by surrogate key (see `surrogate_keys`), and to the
embedded profile's page cache in every web process (see `cache_invalidations`).

`purge_keys()` writes the purge in the caller's transaction and sends it once that commits;
one the proxy does not take stays in the table and goes again on the scheduler's passes,
with a growing wait, until it is taken. Keys nothing carries cost the proxy nothing.
"""

from __future__ import annotations

import http.client
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dateline.core.cache_generation import cached_reads_per_process
from dateline.core.cache_invalidations import invalidation_record
from dateline.core.models import ProxyPurge

logger = logging.getLogger(__name__)

PURGE_HEADER = "xkey-purge"
# Varnish takes request headers up to 8 KB by default: longer key lists go in several parts.
HEADER_BUDGET = 6000
TIMEOUT_SECONDS = 2.0
RETRY_CAP = timedelta(minutes=5)


class PurgeRefused(Exception):
    """The proxy did not answer, or answered anything but 200."""


def purge_enabled() -> bool:
    """Whether any cache keeps pages or reads that a change must reach (else there is
    nothing to work out): a proxy, or processes that each keep their own."""
    return bool(settings.DATELINE_PURGE_PROXIES) or cached_reads_per_process()


def purge_keys(keys: Iterable[str], *, withdrawn: bool = False) -> None:
    """Have every cache of pages forget what `keys` name, once this transaction commits.

    `withdrawn`: the change takes something off the site, so the embedded cache must not
    serve its pages stale even while they are rendered afresh.
    """
    keys = {key for key in keys if key}
    invalidation_record(keys, withdrawn=withdrawn)
    proxies = settings.DATELINE_PURGE_PROXIES
    names = " ".join(sorted(keys))
    if not proxies or not names:
        return
    ProxyPurge.objects.bulk_create(ProxyPurge(proxy=proxy, keys=names) for proxy in proxies)
    transaction.on_commit(purges_send)


def purges_send() -> int:
    """Send every purge that is due, one request per proxy; return how many were taken."""
    now = timezone.now()
    due = list(
        ProxyPurge.objects.filter(next_attempt_at__isnull=True)
        | ProxyPurge.objects.filter(next_attempt_at__lte=now)
    )
    by_proxy: dict[str, list[ProxyPurge]] = defaultdict(list)
    for purge in due:
        by_proxy[purge.proxy].append(purge)
    taken = 0
    for proxy, purges in by_proxy.items():
        if proxy not in settings.DATELINE_PURGE_PROXIES:
            logger.warning("Dropping %d purges for %s, no longer a proxy", len(purges), proxy)
            ProxyPurge.objects.filter(id__in=[p.id for p in purges]).delete()
            continue
        keys = sorted({key for purge in purges for key in purge.keys.split()})
        try:
            for part in _parts(keys):
                proxy_purge(proxy, part)
        except PurgeRefused as error:
            _failed(purges, str(error))
            continue
        ProxyPurge.objects.filter(id__in=[p.id for p in purges]).delete()
        taken += len(purges)
    return taken


def proxy_purge(proxy: str, keys: str) -> str:
    """One PURGE request naming `keys`; the proxy's answer, or PurgeRefused."""
    parts = urlsplit(proxy)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("PURGE", parts.path or "/", headers={PURGE_HEADER: keys})
        response = connection.getresponse()
        body = response.read(500).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as error:
        raise PurgeRefused(f"{proxy}: {error!r}") from error
    finally:
        connection.close()
    if response.status != 200:
        raise PurgeRefused(f"{proxy} answered {response.status} {response.reason}: {body}")
    return body


def _parts(keys: list[str]) -> list[str]:
    parts, current = [], ""
    for key in keys:
        if current and len(current) + len(key) + 1 > HEADER_BUDGET:
            parts.append(current)
            current = ""
        current = f"{current} {key}" if current else key
    return [*parts, current] if current else parts


def _failed(purges: list[ProxyPurge], error: str) -> None:
    attempts = max(purge.attempts for purge in purges) + 1
    wait = min(timedelta(seconds=2**attempts), RETRY_CAP)
    logger.warning("Purge not taken (attempt %d, next in %s): %s", attempts, wait, error)
    ProxyPurge.objects.filter(id__in=[p.id for p in purges]).update(
        attempts=attempts, next_attempt_at=timezone.now() + wait, last_error=error[:2000]
    )
