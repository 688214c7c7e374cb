"""This process's whole anonymous pages, found by address and forgotten by surrogate key.

The embedded profile's counterpart of the caching proxy's store (see `page_cache`): each
page is kept with the surrogate keys it was served with, so a change forgets only the
pages that show what changed, as the proxy's purge does, instead of everything.

A change that adds or updates something leaves the pages it touches *stale*: a stale page
is served only to readers who arrive while one request renders it afresh, so that a
publish never sends every reader of the home page to the database at once. A change that
takes something off the site (unpublished, deleted, restricted, moved away) drops its
pages outright: what is withdrawn is never served again, not even for a moment.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

Headers = list[tuple[bytes, bytes]]

# Past this many keys remembered as recently changed, the memory is reset and pages
# rendered before the reset are treated as stale (see `PageStore.put`).
CHANGED_KEYS_KEPT = 20_000
# The key of pages that name nothing they show: every change touches them.
UNKEYED = "unkeyed"


@dataclass
class StoredPage:
    status: int
    headers: Headers
    body: bytes
    keys: frozenset[str]
    expires_at: float
    stale: bool = False
    # The body gzip-compressed, made once when kept, for readers who accept it (else empty).
    gzipped: bytes = b""

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped) + sum(len(n) + len(v) for n, v in self.headers)


class PageStore:
    """A bounded LRU of pages with a key index; safe to use from any thread."""

    def __init__(self, *, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()
        self._by_key: dict[str, set[str]] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        # A change counter, and when each key last changed: a render begun before its
        # page's keys changed must not be kept as fresh.
        self.sequence = 0
        self._changed: dict[str, int] = {}
        self._changed_floor = 0

    def get(self, address: str) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(address)
            if page is None:
                return None
            if page.expires_at <= time.monotonic():
                self._remove(address)
                return None
            self._pages.move_to_end(address)
            return page

    def put(self, address: str, page: StoredPage, *, rendered_at: int) -> None:
        """Keep `page`, whose render began at `rendered_at` (a `sequence` value)."""
        if page.size > self.max_bytes:
            return
        with self._lock:
            if self._changed_since_locked(page.keys, rendered_at):
                page.stale = True
            self._remove(address)
            self._pages[address] = page
            self._bytes += page.size
            for key in page.keys:
                self._by_key.setdefault(key, set()).add(address)
            while self._bytes > self.max_bytes and self._pages:
                self._remove(next(iter(self._pages)))

    def forget(self, keys: Iterable[str], *, withdrawn: bool) -> int:
        """Mark the pages showing any of `keys` stale, or drop them if `withdrawn`;
        return how many pages that touched."""
        with self._lock:
            self.sequence += 1
            touched: set[str] = set(self._by_key.get(UNKEYED, ()))
            self._changed[UNKEYED] = self.sequence
            for key in keys:
                if not key:
                    continue
                self._changed[key] = self.sequence
                touched.update(self._by_key.get(key, ()))
            if len(self._changed) > CHANGED_KEYS_KEPT:
                self._changed.clear()
                self._changed_floor = self.sequence
            for address in touched:
                if withdrawn:
                    self._remove(address)
                else:
                    self._pages[address].stale = True
            return len(touched)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._by_key.clear()
            self._bytes = 0
            self._changed.clear()
            self._changed_floor = self.sequence

    def __len__(self) -> int:
        return len(self._pages)

    def _changed_since_locked(self, keys: Iterable[str], sequence: int) -> bool:
        if sequence < self._changed_floor:
            return True
        return any(self._changed.get(key, 0) > sequence for key in keys)

    def _remove(self, address: str) -> None:
        page = self._pages.pop(address, None)
        if page is None:
            return
        self._bytes -= page.size
        for key in page.keys:
            addresses = self._by_key.get(key)
            if addresses is not None:
                addresses.discard(address)
                if not addresses:
                    del self._by_key[key]
