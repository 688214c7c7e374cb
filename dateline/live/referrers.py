"""Where a reader came from, as a kind only (search, social, direct, our own pages, other):
the beacon names the referring host, which is classified here and never kept."""

from __future__ import annotations

from dateline.live.models import ReferrerMinute

Kind = ReferrerMinute.Kind

# Search engines by a label of their host (google.com, google.co.uk, yandex.ru…).
SEARCH_LABELS = frozenset(
    {"google", "bing", "yandex", "duckduckgo", "baidu", "yahoo", "ecosia", "qwant", "naver"}
)
SEARCH_HOSTS = frozenset({"search.brave.com", "startpage.com", "go.mail.ru", "seznam.cz"})
SOCIAL_HOSTS = frozenset(
    {
        "facebook.com",
        "fb.com",
        "t.co",
        "twitter.com",
        "x.com",
        "vk.com",
        "ok.ru",
        "t.me",
        "linkedin.com",
        "lnkd.in",
        "reddit.com",
        "instagram.com",
        "threads.net",
        "bsky.app",
        "pinterest.com",
        "youtube.com",
        "tiktok.com",
        "news.ycombinator.com",
        "dzen.ru",
    }
)


def referrer_kind(host: str, *, own_hosts: set[str]) -> str:
    """The kind of the referring `host` ("" when the browser named none)."""
    host = host.strip().lower().rstrip(".").removeprefix("www.")
    if not host:
        return Kind.DIRECT
    if host in own_hosts:
        return Kind.INTERNAL
    if _under(host, SOCIAL_HOSTS) or host.startswith(("m.facebook.", "l.facebook.")):
        return Kind.SOCIAL
    if _under(host, SEARCH_HOSTS) or SEARCH_LABELS & set(host.split(".")[:-1]):
        return Kind.SEARCH
    return Kind.OTHER


def _under(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))
