"""The search index: entries written beside what they describe, and ranked matching.

Each app says what a thing's heading, summary and body are; the index analyses them in
the thing's language and keeps the terms (`SearchEntry`). Matching runs on SQLite's FTS5
(ranked by BM25) or on PostgreSQL's full-text search (ranked by `ts_rank`) over the same
terms, so both profiles find the same things for the same query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from dateline.core.models import SearchEntry
from dateline.core.search.analysis import analysed_text
from dateline.core.search.query import ParsedQuery

FTS_TABLE = "core_searchentry_fts"
# How much a match in the heading and in the summary outweighs one in the body (BM25's
# column weights; PostgreSQL's default weights for A, B and C are in the same proportion).
WEIGHTS = (10.0, 4.0, 1.0)


@dataclass(frozen=True)
class Document:
    """What the index is told about one thing, in plain text."""

    object_id: int
    language: str
    title: str
    summary: str = ""
    body: str = ""
    published_at: datetime | None = None


def search_entries_save(*, kind: str, documents: Iterable[Document], using: str = "default") -> int:
    """Write (or rewrite) the entries of `documents`; returns how many.

    Call it inside the transaction that changed them: the entry commits with the change.
    """
    entries = [
        SearchEntry(
            kind=kind,
            object_id=document.object_id,
            language=document.language,
            title=analysed_text(document.title, document.language),
            summary=analysed_text(document.summary, document.language),
            body=analysed_text(document.body, document.language),
            published_at=document.published_at,
        )
        for document in documents
    ]
    if not entries:
        return 0
    # An update where an entry exists (the FTS5 and tsvector triggers follow it).
    SearchEntry.objects.using(using).bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["language", "title", "summary", "body", "published_at"],
    )
    return len(entries)


def search_entries_delete(*, kind: str, object_ids: Iterable[int], using: str = "default") -> int:
    deleted, _ = (
        SearchEntry.objects.using(using).filter(kind=kind, object_id__in=list(object_ids)).delete()
    )
    return deleted


def search_matching(*, kind: str, query: ParsedQuery) -> QuerySet[SearchEntry]:
    """Entries of `kind` matching every word of `query`, unranked: to filter by
    (`object_id__in=…values("object_id")`) or to count."""
    entries = SearchEntry.objects.filter(kind=kind)
    if connections[entries.db].vendor == "postgresql":
        return entries.filter(document=_tsquery(query))
    return entries.filter(
        id__in=RawSQL(  # noqa: S611 - our names; the query is a parameter
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [query.fts5()],
        )
    )


def search_ranked(
    *, kind: str, query: ParsedQuery, candidates: QuerySet | None = None
) -> QuerySet[SearchEntry]:
    """Entries of `kind` matching every word of `query`, each with a `score` (higher is
    better); to order and slice, not to nest in another query. With `candidates`, only the
    entries of those objects (the caller's visibility rule and filters), checked per match
    rather than by listing every candidate."""
    entries = SearchEntry.objects.filter(kind=kind)
    if candidates is not None:
        entries = entries.filter(Exists(candidates.filter(pk=OuterRef("object_id"))))
    if connections[entries.db].vendor == "postgresql":
        tsquery = _tsquery(query)
        return entries.filter(document=tsquery).annotate(score=SearchRank(F("document"), tsquery))
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    # FTS5's BM25 is only known inside its own query: the index table is joined by rowid.
    return entries.extra(  # noqa: S610 - our names; the query is a parameter
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = core_searchentry.id", f"{FTS_TABLE} MATCH %s"],
        params=[query.fts5()],
        select={"score": f"-bm25({FTS_TABLE}, {weights})"},
    )


def _tsquery(query: ParsedQuery) -> SearchQuery:
    return SearchQuery(query.tsquery(), search_type="raw", config="simple")
