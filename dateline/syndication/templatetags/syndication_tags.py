from typing import Any

from django import template
from django.http import HttpRequest

from dateline.core.cache_generation import cached_for_generation
from dateline.syndication.structured_data import ArticleHead, article_head

register = template.Library()


@register.inclusion_tag("syndication/article_head.html", takes_context=True)
def article_meta(context: dict[str, Any], article: Any) -> dict[str, Any]:
    """Canonical, hreflang, Open Graph, Twitter and JSON-LD of an article page."""
    request: HttpRequest = context["request"]

    def build() -> ArticleHead:
        return article_head(
            article=article,
            edition=context["edition"],
            absolute=request.build_absolute_uri,
            dateline=context.get("dateline", ""),
            authors=context.get("bylines"),
        )

    if getattr(request, "is_preview", False):  # a draft: never where readers get it
        return {"head": build()}
    origin = request.build_absolute_uri("/")
    return {"head": cached_for_generation(f"syndication:head:{article.id}:{origin}", build)}


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    """This page's own address, without query strings other than its page number."""
    request: HttpRequest = context["request"]
    number = request.GET.get("page", "")
    suffix = f"?page={number}" if number.isdigit() and number != "1" else ""
    return request.build_absolute_uri(request.path) + suffix
