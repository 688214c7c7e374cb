"""Reads of the newsroom: what readers see, always live content only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from taggit.models import Tag
from wagtail.models import Page
from wagtail.query import PageQuerySet

from dateline.core.cache_generation import cached_for_generation
from dateline.core.pages import view_restricted_page_ids
from dateline.core.pagination import Listing, page_number, paginate
from dateline.newsroom.datelines import format_dateline
from dateline.newsroom.models import (
    ArticleByline,
    ArticlePage,
    Author,
    EditionHomePage,
    LiveBlogPage,
    SectionPage,
    Story,
)
from dateline.newsroom.urgency import urgency_is_breaking


@dataclass(frozen=True)
class SectionLink:
    id: int
    path: str
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class EditionChrome:
    """What every page of an edition shows around its content."""

    id: int
    locale_id: int
    url_path: str
    language_code: str
    brand_name: str
    tagline: str
    time_zone: str
    url: str
    sections: tuple[SectionLink, ...] = field(default_factory=tuple)

    def section_for(self, page: Page) -> SectionLink | None:
        parent_path = page.path[: -Page.steplen]
        return next((s for s in self.sections if s.path == parent_path), None)


@dataclass(frozen=True)
class NewsfeedItem:
    id: int
    title: str
    url: str
    published_at: datetime
    urgency: int
    live: bool = False  # a live blog still covering its story

    @property
    def breaking(self) -> bool:
        return urgency_is_breaking(self.urgency)


def _cached(key: str, build: Any) -> Any:
    return cached_for_generation(f"newsroom:{key}", build)


def edition_chrome(*, language_code: str) -> EditionChrome | None:
    """The edition in `language_code` with its sections, or None where there is none."""

    def build() -> EditionChrome | None:
        edition = (
            EditionHomePage.objects.live()
            .filter(locale__language_code=language_code)
            .select_related("locale")
            .first()
        )
        if edition is None:
            return None
        sections = SectionPage.objects.live().child_of(edition).order_by("path")
        return EditionChrome(
            id=edition.id,
            locale_id=edition.locale_id,
            url_path=edition.url_path,
            language_code=language_code,
            brand_name=edition.brand_name,
            tagline=edition.tagline,
            time_zone=edition.time_zone,
            url=edition.url,
            sections=tuple(
                SectionLink(
                    id=s.id, path=s.path, title=s.title, url=s.url, description=s.description
                )
                for s in sections
            ),
        )

    return _cached(f"chrome:{language_code}", build)


def articles_public(*, locale_id: int | None = None) -> PageQuerySet:
    """Every article the public may read: live and under no view restriction (password,
    login or group), in one edition or in all. Every surface that shows articles to
    readers, partners or machines starts from here."""
    articles = _public(ArticlePage.objects.live())
    return articles if locale_id is None else articles.filter(locale_id=locale_id)


def pages_public() -> PageQuerySet:
    """Every page of any kind the public may see: the rule of `articles_public`."""
    return _public(Page.objects.live())


def _public(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """`queryset` less every page under a view restriction, as Wagtail's `public()`.

    Wagtail's own joins the page table to the restrictions to learn the restricted pages'
    paths, and SQLite answers that join (or a subquery) by reading every page of the
    archive to find the few restricted ones. Here the restricted pages are known first
    (usually none, kept per site state), then their paths read by id.
    """
    page_ids = view_restricted_page_ids()
    paths = Page.objects.filter(id__in=page_ids).values_list("path", flat=True) if page_ids else []
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def page_ids_public(*, ids: Iterable[int]) -> set[int]:
    """Those of `ids` whose pages the public may see now."""
    return set(pages_public().filter(id__in=set(ids)).values_list("id", flat=True))


def page_is_public(*, page_id: int) -> bool:
    return pages_public().filter(id=page_id).exists()


def with_lead_photo(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return queryset.select_related("lead_photo").prefetch_related(
        Prefetch("lead_photo__renditions")
    )


def newsfeed_latest(*, locale_id: int, limit: int | None = None) -> list[NewsfeedItem]:
    limit = limit or settings.DATELINE_NEWSFEED_SIZE

    def build() -> list[NewsfeedItem]:
        articles = list(
            articles_public(locale_id=locale_id)
            .order_by("-first_published_at", "-id")
            .only("id", "title", "url_path", "first_published_at", "urgency", "locale_id")[:limit]
        )
        live = live_blog_ids_live(ids=[a.id for a in articles])
        return [
            NewsfeedItem(
                id=a.id,
                title=a.title,
                url=a.url,
                published_at=a.first_published_at,
                urgency=a.urgency,
                live=a.id in live,
            )
            for a in articles
        ]

    return _cached(f"newsfeed:{locale_id}:{limit}", build)


def live_blog_ids_live(*, ids: list[int]) -> set[int]:
    """Which of `ids` are live blogs still covering their story."""
    if not ids:
        return set()
    live = LiveBlogPage.objects.filter(LiveBlogPage.live_now(), pk__in=ids)
    return set(live.values_list("pk", flat=True))


def section_articles(*, section: SectionPage, page: Any = 1) -> Listing:
    # Its edition named too: the edition's newest-first index then serves the listing,
    # which stops after one page of the section's articles (newsroom 0005).
    queryset = with_lead_photo(
        articles_public(locale_id=section.locale_id)
        .child_of(section)
        .order_by("-first_published_at", "-id")
    )
    number = page_number(page)
    return _cached(
        f"section:{section.id}:{number}",
        lambda: paginate(queryset, page=number, per_page=settings.DATELINE_SECTION_PAGE_SIZE),
    )


def edition_top_stories(*, edition: EditionHomePage) -> list[ArticlePage]:
    def build() -> list[ArticlePage]:
        ids = list(edition.top_stories.order_by("sort_order").values_list("article_id", flat=True))
        articles = with_lead_photo(articles_public(locale_id=edition.locale_id).filter(id__in=ids))
        by_id = {a.id: a for a in articles}
        return [by_id[i] for i in ids if i in by_id]

    return _cached(f"top:{edition.id}", build)


def edition_latest_by_section(
    *, edition: EditionHomePage, per_section: int = 4
) -> list[tuple[SectionLink, list[ArticlePage]]]:
    """The newest few articles of every section."""
    chrome = edition_chrome(language_code=edition.locale.language_code)
    if chrome is None:
        return []
    return _cached(
        f"latest:{edition.id}:{per_section}",
        lambda: _latest_by_section(edition=edition, chrome=chrome, per_section=per_section),
    )


def _latest_by_section(
    *, edition: EditionHomePage, chrome: EditionChrome, per_section: int
) -> list[tuple[SectionLink, list[ArticlePage]]]:
    # One query of one small subquery per section, each stopping after `per_section` rows
    # of the newest-first index: a window over the whole edition ranked every article of
    # its archive on every cold home page.
    public = articles_public(locale_id=edition.locale_id)
    newest = Q()
    for section in chrome.sections:
        newest |= Q(
            id__in=public.filter(path__startswith=section.path, depth=edition.depth + 2)
            .order_by("-first_published_at", "-id")
            .values("id")[:per_section]
        )
    if not newest:
        return []
    grouped: dict[str, list[ArticlePage]] = {}
    section_path_length = (edition.depth + 1) * Page.steplen
    for article in with_lead_photo(public.filter(newest)).order_by("-first_published_at", "-id"):
        grouped.setdefault(article.path[:section_path_length], []).append(article)
    return [(s, grouped[s.path]) for s in chrome.sections if s.path in grouped]


def edition_time_zone(*, language_code: str) -> str:
    chrome = edition_chrome(language_code=language_code)
    return chrome.time_zone if chrome else "UTC"


def article_public_get(*, article_id: int) -> ArticlePage:
    """An article the public may read, or 404."""
    article = articles_public().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article")
    return article


def article_next(*, article: ArticlePage) -> ArticlePage | None:
    """The next article to read: the next older one in the edition's newsfeed."""
    if article.first_published_at is None:
        return None
    return (
        articles_public(locale_id=article.locale_id)
        .filter(first_published_at__lt=article.first_published_at)
        .order_by("-first_published_at", "-id")
        .only("id", "title", "url_path", "locale_id")
        .first()
    )


RELATED_LIMIT = 4


def articles_related(
    *, article: ArticlePage, topic_ids: list[int], limit: int = RELATED_LIMIT
) -> list[ArticlePage]:
    """Further reading under an article: the newest of its story first, then the newest
    sharing one of its topics; never the article itself, only what the public may read."""
    public = (
        articles_public(locale_id=article.locale_id)
        .exclude(id=article.id)
        .order_by("-first_published_at", "-id")
        .only("id", "title", "url_path", "locale_id", "first_published_at")
    )
    related = list(public.filter(story_id=article.story_id)[:limit]) if article.story_id else []
    if len(related) < limit and topic_ids:
        more = public.filter(tagged_topics__tag_id__in=topic_ids).exclude(
            id__in=[a.id for a in related]
        )
        related += list(more.distinct()[: limit - len(related)])
    return related


UPDATE_THRESHOLD = timedelta(minutes=5)


def articles_with_lead_photo(
    *, photo: Any, language_code: str, limit: int = 10
) -> list[ArticlePage]:
    """Published articles of the edition in `language_code` that lead with `photo` (the
    media bank's `mediabank_photo_published_with` hook)."""
    chrome = edition_chrome(language_code=language_code)
    if chrome is None:
        return []
    return list(
        articles_public(locale_id=chrome.locale_id)
        .filter(lead_photo=photo)
        .order_by("-first_published_at")
        .only("id", "title", "url_path", "first_published_at", "locale_id")[:limit]
    )


def article_context(
    *, article: ArticlePage, time_zone: str, preview: bool = False
) -> dict[str, Any]:
    """Everything the article page shows beyond the article's own fields.

    Cached until the next publish: none of it changes without one. A preview shows a
    draft, which must never be cached where readers would get it.
    """
    if preview:
        return _article_context(article=article, time_zone=time_zone)
    return _cached(
        f"article:{article.id}:{time_zone}",
        lambda: _article_context(article=article, time_zone=time_zone),
    )


def _article_context(*, article: ArticlePage, time_zone: str) -> dict[str, Any]:
    bylines = list(
        ArticleByline.objects.filter(page=article).select_related("author").order_by("sort_order")
    )
    agency = article.agency
    first, last = article.first_published_at, article.last_published_at
    topics = list(article.topics.all())
    return {
        "dateline": format_dateline(
            place=article.dateline_place,
            published_at=first,
            agency_short_name=agency.short_name if agency else "",
            time_zone=time_zone,
        ),
        # A republish for a typo is not an update readers need told about.
        "updated_at": last if first and last and last - first > UPDATE_THRESHOLD else None,
        "bylines": [b.author for b in bylines],
        "topics": topics,
        "related": articles_related(article=article, topic_ids=[t.id for t in topics]),
        "corrections": list(article.corrections.order_by("corrected_at")),
        "next_article": article_next(article=article),
        "story": article.story,
    }


def topic_get(*, slug: str) -> Tag:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such topic")
    return tag


def _newest_first(queryset: QuerySet[ArticlePage], *, page: Any) -> Listing:
    """One page of articles, newest first, with their lead photos."""
    ordered = with_lead_photo(queryset.order_by("-first_published_at", "-id"))
    return paginate(ordered, page=page, per_page=settings.DATELINE_SECTION_PAGE_SIZE)


def topic_articles(*, locale_id: int, tag: Tag, page: Any = 1) -> Listing:
    return _newest_first(
        articles_public(locale_id=locale_id).filter(tagged_topics__tag=tag), page=page
    )


def author_get(*, slug: str) -> Author:
    author = Author.objects.select_related("photo").filter(slug=slug).first()
    if author is None:
        raise Http404("No such author")
    return author


def author_articles(*, locale_id: int, author: Author, page: Any = 1) -> Listing:
    return _newest_first(
        articles_public(locale_id=locale_id).filter(bylines__author=author), page=page
    )


def story_get(*, story_id: int, locale_id: int) -> Story:
    story = Story.objects.filter(pk=story_id, locale_id=locale_id).first()
    if story is None:
        raise Http404("No such story")
    return story


def story_articles(*, story: Story, page: Any = 1) -> Listing:
    return _newest_first(articles_public(locale_id=story.locale_id).filter(story=story), page=page)
