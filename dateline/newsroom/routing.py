"""A shortcut through Wagtail's page routing for the pages readers open most: articles.

Wagtail finds a page by walking the tree from the site root, a few queries per level.
An article's address is its `url_path` below the edition, so one query finds it. The
result goes where Wagtail's own `Page.route_for_request` caches its answer on the
request, and Wagtail's serve view, hooks and view restrictions then run as usual.
Anything else (sections, routable pages, previews) takes Wagtail's normal route.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from dateline.newsroom import selectors
from dateline.newsroom.models import ArticlePage


def article_route(*, language_code: str, path: str) -> RouteResult | None:
    """The live article at `path` below the edition in `language_code`, or None."""
    chrome = selectors.edition_chrome(language_code=language_code)
    if chrome is None or path.count("/") != 2:  # "<section>/<article>/"
        return None
    article = (
        ArticlePage.objects.live()
        .filter(url_path=f"{chrome.url_path}{path}", locale_id=chrome.locale_id)
        .first()
    )
    return RouteResult(article) if article is not None else None


class ArticleRouteMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> None:
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        route = article_route(language_code=translation.get_language(), path=path)
        if route is not None:
            request._wagtail_route_for_request = route  # Wagtail's own per-request route cache
        return None
