"""Surrogate keys: each public response names what it shows, so a caching proxy can forget
exactly the responses a change touches (Varnish's xkey reads them from the `xkey` header).

Keys are short words:
- `page-<id>`: shows page <id> itself (its page, an article shown as the next one);
- `list-<id>`: lists the children of page <id> (a section, an edition's home);
- `list-topic-<id>`, `list-author-<id>`, `list-story-<id>`: lists by topic, author, story;
- `author-<id>`, `agency-<id>`, `story-<id>`, `photo-<id>`: shows that snippet or photo;
- `edition-<language>`: the edition's chrome (brand, sections), on every page of it;
- `feeds-<language>`, `search-<language>`, `mediabank-<language>`, `sitemaps`, `api`;
- `comments-<id>`: an article's comment thread.

The newsfeed column carries no key: a cached page's newsfeed is brought up to date by its
stream, which replays every event after the one the page was rendered with.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponseBase

HEADER = "xkey"


def request_keys_add(request: HttpRequest, keys: Iterable[str]) -> None:
    """Name what this request's response shows; `PublicCacheHeadersMiddleware` writes the
    keys on the response when it marks it cacheable."""
    names = getattr(request, "surrogate_keys", None)
    if names is None:
        names = request.surrogate_keys = set()
    names.update(key for key in keys if key)


def keys_add(response: HttpResponseBase, keys: Iterable[str]) -> HttpResponseBase:
    """Add `keys` to those `response` already names."""
    names = set(response.get(HEADER, "").split())
    names.update(key for key in keys if key)
    if names:
        response[HEADER] = " ".join(sorted(names))
    return response
