"""The page store forgets by surrogate key: stale for what changed, gone for what left."""

import time

from dateline.core.page_store import PageStore, StoredPage


def page(*keys: str, body: bytes = b"<html>", seconds: float = 60) -> StoredPage:
    return StoredPage(
        status=200,
        headers=[(b"content-type", b"text/html")],
        body=body,
        keys=frozenset(keys),
        expires_at=time.monotonic() + seconds,
    )


def test_a_change_makes_only_the_pages_naming_its_keys_stale():
    store = PageStore(max_bytes=1 << 20)
    store.put("home", page("list-1", "edition-en"), rendered_at=store.sequence)
    store.put("other", page("page-9", "edition-en"), rendered_at=store.sequence)
    assert store.forget(["list-1"], withdrawn=False) == 1
    assert store.get("home").stale
    assert not store.get("other").stale


def test_a_withdrawal_drops_the_pages_outright():
    store = PageStore(max_bytes=1 << 20)
    store.put("article", page("page-5"), rendered_at=store.sequence)
    store.forget(["page-5"], withdrawn=True)
    assert store.get("article") is None
    assert len(store) == 0


def test_a_render_begun_before_a_change_is_kept_stale():
    store = PageStore(max_bytes=1 << 20)
    begun = store.sequence
    store.forget(["page-5"], withdrawn=False)  # the change lands while the page renders
    store.put("article", page("page-5"), rendered_at=begun)
    assert store.get("article").stale
    store.put("article", page("page-5"), rendered_at=store.sequence)
    assert not store.get("article").stale


def test_pages_naming_nothing_are_forgotten_by_any_change():
    store = PageStore(max_bytes=1 << 20)
    store.put("robots", page("unkeyed"), rendered_at=store.sequence)
    store.forget(["page-1"], withdrawn=False)
    assert store.get("robots").stale


def test_least_recently_used_pages_go_first_past_the_memory_bound():
    store = PageStore(max_bytes=2500)
    for name in ("a", "b", "c"):
        store.put(name, page(f"page-{name}", body=b"x" * 1000), rendered_at=store.sequence)
    assert store.get("a") is None  # the oldest, to keep within 2,500 bytes
    assert store.get("b") is not None and store.get("c") is not None
    store.forget(["page-b"], withdrawn=True)
    store.put("d", page("page-d", body=b"x" * 1000), rendered_at=store.sequence)
    assert store.get("c") is not None  # the key index let go of what was dropped


def test_expired_pages_are_not_served():
    store = PageStore(max_bytes=1 << 20)
    store.put("old", page("page-1", seconds=-1), rendered_at=store.sequence)
    assert store.get("old") is None
