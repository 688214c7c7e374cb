from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page

from dateline.core.cache_generation import cached_for_generation
from dateline.syndication.selectors import page_translations
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
    # A live blog's head describes its newest entries: kept while they stay the same.
    entries = context.get("entries_stamp", "")
    key = f"syndication:head:{article.id}:{origin}:{entries}"
    return {"head": cached_for_generation(key, build)}


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    """This page's own address, without query strings other than its page number."""
    request: HttpRequest = context["request"]
    number = request.GET.get("page", "")
    suffix = f"?page={number}" if number.isdigit() and number != "1" else ""
    return request.build_absolute_uri(request.path) + suffix


def _translations(context: dict[str, Any]) -> dict[str, str]:
    """Language → address of each live, public version of this page (itself included)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or getattr(request, "is_preview", False):
        return {}
    key = page.translation_key
    return cached_for_generation(
        f"syndication:translations:{key}",
        lambda: dict(page_translations(pages=[page]).get(key, [])),
    )


@register.simple_tag(takes_context=True)
def page_alternates(context: dict[str, Any]) -> list[tuple[str, str]]:
    """hreflang alternates of this page: (language, absolute address), when it has any."""
    versions = _translations(context)
    if len(versions) < 2:
        return []
    absolute = context["request"].build_absolute_uri
    return [(language, absolute(url)) for language, url in sorted(versions.items())]


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The other editions for the language switch: (code, name, address), the address being
    this page's translation where there is one, else that edition's home."""
    versions = _translations(context)
    current = context.get("LANGUAGE_CODE")
    return [
        (code, name, versions.get(code, f"/{code}/"))
        for code, name in settings.LANGUAGES
        if code != current
    ]
