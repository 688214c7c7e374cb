"""Readers' search of an edition's articles: the index kept as articles are published, and
the ranked, filtered, faceted search over it.

An article is indexed from its live state whenever its row is saved live (a publish, an
import; a draft's text lives in a revision and never reaches the index) and leaves it
when unpublished or deleted. What a search may show is decided at query time by the one
visibility rule (`articles_public`), so a view restriction or a move takes effect at once
without touching the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from dateline.core.models import SearchEntry
from dateline.core.pagination import Listing, page_number
from dateline.core.search.highlight import highlight
from dateline.core.search.index import (
    COUNT_LIMIT,
    Document,
    Scope,
    facet_token,
    search_best,
    search_entries_delete,
    search_entries_rewrite,
    search_entries_save,
)
from dateline.core.search.query import ParsedQuery, query_parse
from dateline.newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticleTopic,
    Author,
    SectionPage,
)
from dateline.newsroom.selectors import pages_public, with_lead_photo

KIND = "article"
ORDERS = {"relevance": _("Most relevant"), "newest": _("Newest first")}
PERIODS = {
    "day": (_("Past 24 hours"), timedelta(days=1)),
    "week": (_("Past week"), timedelta(days=7)),
    "month": (_("Past month"), timedelta(days=31)),
    "year": (_("Past year"), timedelta(days=366)),
}
FACET_SIZE = 10  # authors and topics: the most frequent among the matches
FACET_POOL = 300  # facets count the best this many matches
# The article's columns its entry reads: a save touching none of them leaves it as it is.
INDEXED_FIELDS = frozenset(
    {"title", "lede", "body", "dateline_place", "agency", "live", "first_published_at"}
)


# The index -----------------------------------------------------------------------------


def article_document(article: ArticlePage, *, sections: dict[str, int]) -> Document:
    """The article's words for the index: headline; lede; body, dateline place, bylines,
    agency and topics (a reader searches for "TASS" or a reporter's name too); and the
    facets a search narrows by: the sections it is in (`sections`: each section's path
    and id), its authors, its topics."""
    body_field = ArticlePage._meta.get_field("body")
    parts = [
        *body_field.get_searchable_content(article.body),
        article.dateline_place,
        *(byline.author.name for byline in article.bylines.all()),
        article.agency.name if article.agency else "",
        *(tag.name for tag in article.topics.all()),
    ]
    return Document(
        object_id=article.pk,
        language=article.locale.language_code,
        title=article.title,
        summary=article.lede,
        body=" ".join(part for part in parts if part),
        published_at=article.first_published_at,
        facets=(
            *(
                facet_token("section", pk)
                for path, pk in sections.items()
                if article.path.startswith(path)
            ),
            *(facet_token("author", byline.author_id) for byline in article.bylines.all()),
            *(facet_token("topic", tag.pk) for tag in article.topics.all() if tag.pk),
        ),
    )


def articles_index(*, articles: Iterable[ArticlePage], using: str = "default") -> int:
    """(Re)write the entries of these articles as they are live now; returns how many."""
    sections = dict(SectionPage.objects.using(using).values_list("path", "pk"))
    return search_entries_save(
        kind=KIND,
        documents=[
            article_document(article, sections=sections) for article in articles if article.live
        ],
        using=using,
    )


def articles_unindex(*, article_ids: Iterable[int]) -> int:
    return search_entries_delete(kind=KIND, object_ids=article_ids)


def articles_for_index() -> QuerySet[ArticlePage]:
    """Live articles with what their documents read, in a handful of queries per batch."""
    return (
        ArticlePage.objects.live()
        .select_related("locale", "agency")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
            "topics",
        )
        .order_by("pk")
    )


def articles_reindex(*, batch: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Every live article written anew, and the entries of the others dropped (an index
    from before this code, or one a failed write left behind). Returns articles indexed."""
    live = ArticlePage.objects.live().values("pk")
    SearchEntry.objects.filter(kind=KIND).exclude(object_id__in=live).delete()
    return _rewrite(ArticlePage.objects.live(), batch=batch, progress=progress)


def articles_reindex_under(page: Page) -> int:
    """The live articles at or under `page` written anew: moved, they are in other sections."""
    return _rewrite(ArticlePage.objects.live().descendant_of(page, inclusive=True), batch=500)


def _rewrite(
    articles: QuerySet[ArticlePage], *, batch: int, progress: Callable[[int], None] | None = None
) -> int:
    return search_entries_rewrite(
        list(articles.order_by("pk").values_list("pk", flat=True)),
        write=lambda chunk: articles_index(articles=articles_for_index().filter(pk__in=chunk)),
        batch=batch,
        progress=progress,
    )


# The search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    section: SectionPage | None = None
    author: Author | None = None
    topic: Tag | None = None
    period: str = ""
    order: str = "relevance"

    @property
    def narrowed(self) -> bool:
        return any((self.section, self.author, self.topic, self.period))

    def scope(self, language: str) -> Scope:
        """The same filters as the index reads them (its facets and its publication time)."""
        facets = [
            facet_token(name, chosen.pk)
            for name, chosen in (
                ("section", self.section),
                ("author", self.author),
                ("topic", self.topic),
            )
            if chosen is not None
        ]
        since = timezone.now() - PERIODS[self.period][1] if self.period else None
        return Scope(kind=KIND, language=language, facets=tuple(facets), since=since)

    def apply(self, articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
        if self.section is not None:
            articles = articles.filter(path__startswith=self.section.path)
        if self.author is not None:
            articles = articles.filter(bylines__author=self.author)
        if self.topic is not None:
            articles = articles.filter(tagged_topics__tag=self.topic)
        if self.period:
            articles = articles.filter(
                first_published_at__gte=timezone.now() - PERIODS[self.period][1]
            )
        return articles


@dataclass(frozen=True)
class Facet:
    name: str  # the parameter in the address
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchHit:
    article: ArticlePage
    title: SafeString
    lede: SafeString


@dataclass
class ArticleSearch:
    query: ParsedQuery
    listing: Listing
    total: int = 0
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    facets_sampled: bool = False  # counted among the best FACET_POOL matches only
    total_capped: bool = False  # more than COUNT_LIMIT matches: not counted further
    count_limit: int = 0  # COUNT_LIMIT, as the search read it


def search_articles(
    *, locale_id: int, language: str, text: str, filters: SearchFilters, page: Any = 1
) -> ArticleSearch:
    """One page of the edition's public articles matching `text`, best first (or newest
    first), with the counts of sections, authors, topics and periods among the best
    FACET_POOL matches (an archive's commonest word matches tens of thousands)."""
    query = query_parse(text, language=language)
    number = page_number(page)
    if not query:
        return ArticleSearch(query=query, listing=Listing(items=[], number=1, has_next=False))
    per_page = settings.DATELINE_SECTION_PAGE_SIZE
    start = (number - 1) * per_page
    size = max(start + per_page + 1, FACET_POOL)
    found = search_best(scope=filters.scope(language), query=query, limit=size, order=filters.order)
    best, total = found.ids, found.total
    # Of the best, those the public may read now (the same rule, asked of the page table
    # alone so that PostgreSQL looks them up by id), with what their facets count.
    readable = pages_public().filter(id__in=best, locale_id=locale_id)
    if filters.narrowed:  # the index's facets as they were written; the filters as they are
        readable = readable.filter(id__in=filters.apply(ArticlePage.objects.filter(id__in=best)))
    readable = {
        pk: (path, published)
        for pk, path, published in readable.order_by().values_list(
            "id", "path", "first_published_at"
        )
    }
    pool = [pk for pk in best if pk in readable]
    total -= len(best) - len(pool)  # what the index still held but the public may not read
    ids = pool[start : start + per_page + 1]
    articles = {a.pk: a for a in with_lead_photo(ArticlePage.objects.filter(pk__in=ids))}
    hits = [
        SearchHit(
            article=articles[pk],
            title=highlight(articles[pk].title, query, language=language),
            lede=highlight(articles[pk].lede, query, language=language),
        )
        for pk in ids[:per_page]
        if pk in articles
    ]
    counted = {pk: readable[pk] for pk in pool[:FACET_POOL]}
    return ArticleSearch(
        query=query,
        listing=Listing(items=hits, number=number, has_next=len(ids) > per_page),
        total=total,
        facets=_facets(counted, filters=filters),
        facets_sampled=total > FACET_POOL,
        total_capped=total > COUNT_LIMIT,
        count_limit=COUNT_LIMIT,
    )


def _facets(
    counted: dict[int, tuple[str, Any]], *, filters: SearchFilters
) -> dict[str, list[Facet]]:
    """Counts among `counted` (the best results, already filtered: each article's path and
    publication time); a chosen filter shows as chosen, to be removed."""
    sections = Counter(path[: -Page.steplen] for path, _published in counted.values())
    section_pages = SectionPage.objects.filter(path__in=list(sections)).order_by("path")
    now = timezone.now()
    periods = {
        name: sum(1 for _path, published in counted.values() if published >= now - span)
        for name, (_label, span) in PERIODS.items()
    }
    ids = list(counted)
    return {
        "section": [
            Facet(
                "section",
                page.slug,
                page.title,
                sections[page.path],
                filters.section is not None and filters.section.pk == page.pk,
            )
            for page in section_pages
        ],
        "author": _most_frequent(
            ArticleByline.objects.filter(page_id__in=ids),
            field="author",
            model=Author,
            name="author",
            chosen=filters.author,
        ),
        "topic": _most_frequent(
            ArticleTopic.objects.filter(content_object_id__in=ids),
            field="tag",
            model=Tag,
            name="topic",
            chosen=filters.topic,
        ),
        "period": [
            Facet("period", name, str(label), periods[name], filters.period == name)
            for name, (label, _span) in PERIODS.items()
            if periods[name]
        ],
    }


def _most_frequent(
    links: QuerySet[Any], *, field: str, model: Any, name: str, chosen: Any
) -> list[Facet]:
    """The FACET_SIZE authors or topics the most of the results are linked to."""
    rows = links.values(field).annotate(n=Count("pk")).order_by("-n")[:FACET_SIZE]
    named = model.objects.in_bulk([row[field] for row in rows])
    return [
        Facet(
            name,
            named[row[field]].slug,
            named[row[field]].name,
            row["n"],
            chosen is not None and chosen.pk == row[field],
        )
        for row in rows
        if row[field] in named
    ]
