"""A large archive of published articles, built in minutes, to measure what a newsroom's
years of output cost the site (`manage.py generate_archive`, `bench.archive`).

Saving pages one by one through Wagtail's tree takes tens of milliseconds each (the tree
insert, a revision, the search index): 200,000 of them would take hours. Here the rows
are written in bulk, as Wagtail's own tree would lay them out: each article is a child of
a section with the next materialised path, its page and article rows, byline and topics
copy those of an existing article of the edition, its publication time steps back into the
past from the edition's oldest article, and the search indexes (the readers' and the
admin's) are filled in bulk. The articles copy the edition's existing ones in turn, so the
archive's words are as varied as the edition's (a search finds a share of it, not all or
nothing). No revision is written: an archive page is edited like an imported one, from its
live state.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from dateline.core.database_statistics import database_statistics_refresh
from dateline.newsroom.models import ArticleByline, ArticlePage, ArticleTopic, SectionPage
from dateline.newsroom.search import articles_for_index, articles_index

BATCH = 2000
MODELS = 500  # the edition's articles whose words the archive's copy in turn
SPACING = timedelta(minutes=7)  # between two archive articles of an edition


@dataclass(frozen=True)
class ArchiveResult:
    created: int
    sections: int
    oldest: str


def archive_generate(
    *, language_code: str, count: int, progress: Callable[[int], None] | None = None
) -> ArchiveResult:
    """Add `count` published articles to the edition's sections, in batches of BATCH."""
    sections = list(
        SectionPage.objects.live().filter(locale__language_code=language_code).order_by("path")
    )
    models = list(
        ArticlePage.objects.live()
        .filter(locale__language_code=language_code)
        .exclude(slug__contains="-archive-")
        .order_by("-first_published_at")[:MODELS]
    )
    if not sections or not models:
        raise ValueError(f"The {language_code} edition needs a section and an article first.")
    oldest = (
        ArticlePage.objects.filter(
            locale__language_code=language_code, first_published_at__isnull=False
        )
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    next_step = {section.pk: _last_step(section) + 1 for section in sections}
    # Numbers (in titles and addresses) carry on from the edition's article count, so a
    # second run adds new addresses rather than repeating the first run's.
    first = ArticlePage.objects.filter(locale__language_code=language_code).count()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            before = oldest - SPACING * made
            _batch(models, sections, next_step, start=first + made, size=size, before=before)
        made += size
        if progress is not None:
            progress(size)
    database_statistics_refresh(now=True)  # the tables grew by as much as they held
    return ArchiveResult(
        created=count,
        sections=len(sections),
        oldest=(oldest - SPACING * count).isoformat(),
    )


def _last_step(section: SectionPage) -> int:
    last = (
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) if last else 0


def _batch(models, sections, next_step, *, start: int, size: int, before) -> None:
    content_type = ContentType.objects.get_for_model(ArticlePage)
    pages: list[Page] = []
    copies: dict[int, list[int]] = {}  # model's index: positions in `pages`
    per_section: dict[int, int] = {}
    for number in range(start, start + size):
        model = models[number % len(models)]
        copies.setdefault(number % len(models), []).append(len(pages))
        section = sections[number % len(sections)]
        step = next_step[section.pk]
        next_step[section.pk] = step + 1
        per_section[section.pk] = per_section.get(section.pk, 0) + 1
        title = f"{model.title} (archive {number + 1})"
        slug = f"{slugify(model.title)[:60]}-archive-{number + 1}"
        published = before - SPACING * (number - start + 1)
        pages.append(
            Page(
                path=Page._get_path(section.path, section.depth + 1, step),
                depth=section.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{section.url_path}{slug}/",
                content_type=content_type,
                locale_id=section.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                owner_id=model.owner_id,
            )
        )
    Page.objects.bulk_create(pages)  # ids come back (RETURNING on SQLite and PostgreSQL)
    for which, positions in copies.items():
        model = models[which]
        ids = [pages[position].pk for position in positions]
        _article_rows_insert(model, ids)
        bylines = list(model.bylines.values_list("author_id", "sort_order"))
        ArticleByline.objects.bulk_create(
            ArticleByline(page_id=page_id, author_id=author, sort_order=order)
            for page_id in ids
            for author, order in bylines
        )
        topics = list(
            ArticleTopic.objects.filter(content_object=model).values_list("tag_id", flat=True)
        )
        ArticleTopic.objects.bulk_create(
            ArticleTopic(content_object_id=page_id, tag_id=tag) for page_id in ids for tag in topics
        )
    for section_id, added in per_section.items():
        Page.objects.filter(pk=section_id).update(numchild=F("numchild") + added)
    created = [page.pk for page in pages]
    get_search_backend().add_bulk(ArticlePage, list(ArticlePage.objects.filter(pk__in=created)))
    articles_index(articles=articles_for_index().filter(pk__in=created))


def _article_rows_insert(model: ArticlePage, page_ids: list[int]) -> None:
    """The article table's own row for each page, its values those of `model`."""
    fields = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"]
    values = [f.get_db_prep_save(getattr(model, f.attname), connection) for f in fields]
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c) for c in ["page_ptr_id", *(f.column for f in fields)]
    )
    marks = ", ".join(["%s"] * (len(fields) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - our own names
            [[page_id, *values] for page_id in page_ids],
        )
