"""A shortcut through Wagtail's page routing for the pages readers open most.

Wagtail finds a page by walking the tree from the site root, a few queries per level.
The edition home and its sections are known from the cached edition chrome, and an
article's address is its `url_path` below the edition, so one query finds each. The
result goes where Wagtail's own `Page.route_for_request` caches its answer on the
request, and Wagtail's serve view, hooks and view restrictions then run as usual.
Anything else (routable pages such as search, previews) takes Wagtail's normal route.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from dateline.core.cache_generation import cached_for_generation
from dateline.newsroom import selectors
from dateline.newsroom.models import ArticlePage, EditionHomePage, SectionPage


def edition_url(edition: Any, name: str, **kwargs: Any) -> str:
    """The address of the edition home's route `name` (author, topic, story): `edition`
    is the page or its cached chrome, anything with the edition's `url`."""
    return f"{edition.url}{EditionHomePage.get_resolver().reverse(name, **kwargs)}"


def page_route(*, language_code: str, path: str) -> RouteResult | None:
    """The live home, section or article at `path` in the edition, or None to let Wagtail look."""
    chrome = selectors.edition_chrome(language_code=language_code)
    if chrome is None:
        return None
    # Found pages are kept until the site next changes: building the query costs more
    # than the page it finds (a page's many columns), and every change that could move,
    # withdraw or alter a page moves the generation on. Addresses that name nothing are
    # not kept, so guessed URLs cannot fill the cache.
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    page = cached_for_generation(
        f"newsroom:route:{language_code}:{digest}", lambda: _page_at(chrome, path)
    )
    return RouteResult(page) if page is not None else None


def _page_at(chrome: selectors.EditionChrome, path: str) -> Page | None:
    page: Page | None = None
    if path == "":
        page = EditionHomePage.objects.live().filter(id=chrome.id).first()
    elif path.count("/") == 1:  # "<section>/"
        section = next((s for s in chrome.sections if s.url == f"{chrome.url}{path}"), None)
        if section is not None:
            page = SectionPage.objects.live().filter(id=section.id).first()
    elif path.count("/") == 2:  # "<section>/<article>/"
        # By `url_path` alone (it starts with the edition's root, so it names one page):
        # its index is then the only one the database can choose (newsroom 0004).
        page = ArticlePage.objects.live().filter(url_path=f"{chrome.url_path}{path}").first()
        if page is not None and page.specific_class is not ArticlePage:
            page = page.specific  # a live blog: its own template and entries
    return page


class PageRouteMiddleware(MiddlewareMixin):
    """Answers Wagtail's routing question before Wagtail walks the tree (see above)."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> None:
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        route = page_route(language_code=translation.get_language(), path=path)
        if route is not None:
            request._wagtail_route_for_request = route  # Wagtail's own per-request route cache
        return None
