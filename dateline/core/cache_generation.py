"""One number that names the current state of the public site.

Every cached read and cached page carries it in its key; bumping it after a publish
forgets them all at once, without having to know which keys exist.
"""

from collections.abc import Callable
from functools import cache as memoised
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.dispatch import receiver

CACHE_SECONDS = 300

GENERATION_KEY = "dateline:generation"


@memoised
def cached_reads_per_process() -> bool:
    """Whether each process keeps its own cached reads (the embedded profile's memory
    cache): a change must then reach the other processes (`cache_invalidations`), where
    with Redis one shared generation does. Asked on every request, so worked out once."""
    return isinstance(caches["default"], LocMemCache)


@receiver(setting_changed)
def _cache_settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "CACHES":
        cached_reads_per_process.cache_clear()


def cache_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def cache_generation_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def cached_for_generation(key: str, build: Callable[[], Any]) -> Any:
    """`build()`, kept until the next publish (or CACHE_SECONDS) under `key`."""
    full_key = f"{key}:{cache_generation()}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, CACHE_SECONDS)
    return value
