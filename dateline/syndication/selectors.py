"""What leaves the site for readers' apps, search engines and partners: published only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Page

from dateline.newsroom import selectors as newsroom
from dateline.newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticleWithdrawal,
    LiveBlogEntry,
)
from dateline.newsroom.routing import edition_url
from dateline.newsroom.selectors import EditionChrome

FEED_SIZE = 30


def syndicated_articles() -> QuerySet[ArticlePage]:
    """Every article the public may read, with what feeds, sitemaps and the API show."""
    return (
        newsroom.articles_public()
        .select_related("lead_photo", "agency", "locale")
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleByline.objects.select_related("author").order_by("sort_order"),
            ),
            "topics",
            "corrections",
            "lead_photo__renditions",
        )
    )


def with_live_blog_entries(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """With each live blog's entries (two queries, whatever the number of items), for the
    documents that carry them."""
    return queryset.prefetch_related(
        Prefetch("liveblogpage__entries", queryset=LiveBlogEntry.objects.select_related("photo"))
    )


def newest_first(*, queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return queryset.order_by("-first_published_at", "-id")


@dataclass(frozen=True)
class FeedScope:
    """What a feed covers: a whole edition, or one section, topic or author in it."""

    edition: EditionChrome
    title: str
    description: str
    url: str
    kind: str = "edition"
    slug: str = ""
    filters: dict[str, Any] = field(default_factory=dict)

    def articles(self, limit: int = FEED_SIZE) -> list[ArticlePage]:
        queryset = syndicated_articles().filter(locale_id=self.edition.locale_id, **self.filters)
        return list(newest_first(queryset=queryset)[:limit])


def edition_for(*, language_code: str) -> EditionChrome:
    edition = newsroom.edition_chrome(language_code=language_code)
    if edition is None:
        raise Http404("No such edition")
    return edition


def feed_scope(*, language_code: str, kind: str = "edition", slug: str = "") -> FeedScope:
    """The scope of a feed, or 404 for an unknown edition, section, topic or author."""
    edition = edition_for(language_code=language_code)
    brand = edition.brand_name
    if kind == "edition":
        return FeedScope(edition, brand, edition.tagline, edition.url)
    if kind == "section":
        section = next((s for s in edition.sections if s.url.endswith(f"/{slug}/")), None)
        if section is None:
            raise Http404("No such section")
        depth = len(section.path) // Page.steplen + 1
        children = {"path__startswith": section.path, "depth": depth}
        return FeedScope(
            edition,
            f"{section.title} – {brand}",
            section.description,
            section.url,
            kind,
            slug,
            children,
        )
    if kind == "topic":
        tag = newsroom.topic_get(slug=slug)
        description = _("Articles on %(topic)s") % {"topic": tag.name}
        url = edition_url(edition, "topic", slug=tag.slug)
        return FeedScope(
            edition,
            f"{tag.name} – {brand}",
            description,
            url,
            kind,
            slug,
            {"tagged_topics__tag": tag},
        )
    if kind == "author":
        author = newsroom.author_get(slug=slug)
        url = edition_url(edition, "author", slug=author.slug)
        return FeedScope(
            edition,
            f"{author.name} – {brand}",
            author.job_title,
            url,
            kind,
            slug,
            {"bylines__author": author},
        )
    raise Http404("No such feed")


def page_translations(*, pages: list[Page]) -> dict[Any, list[tuple[str, str]]]:
    """Every live, public version of each page's translation, by translation key."""
    keys = {page.translation_key for page in pages}
    versions = (
        newsroom.pages_public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    found: dict[Any, list[tuple[str, str]]] = {}
    for version in versions:
        found.setdefault(version.translation_key, []).append(
            (version.locale.language_code, version.url)
        )
    return found


def withdrawals_recent(
    *, since: datetime | None = None, locale_id: int | None = None
) -> QuerySet[ArticleWithdrawal]:
    """Notices of articles taken back, newest first; not those live again since."""
    notices = ArticleWithdrawal.objects.select_related("locale").exclude(article__live=True)
    if since is not None:
        notices = notices.filter(withdrawn_at__gt=since)
    if locale_id is not None:
        notices = notices.filter(locale_id=locale_id)
    return notices.order_by("-withdrawn_at", "-id")


def withdrawal_latest(*, article_id: int) -> ArticleWithdrawal | None:
    """The notice that an article was taken back, when it was."""
    return withdrawals_recent().filter(article_ref=article_id).first()
