"""The search index: entries written beside what they describe, and ranked matching.

Each app says what a thing's heading, summary and body are; the index analyses them in
the thing's language and keeps the terms (`SearchEntry`). Matching runs on SQLite's FTS5
(ranked by BM25) or on PostgreSQL's full-text search (ranked by `ts_rank`) over the same
terms, so both profiles find the same things for the same query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Exists, F, OuterRef, QuerySet

from dateline.core.models import SearchEntry
from dateline.core.search.analysis import analysed_text
from dateline.core.search.query import ParsedQuery

FTS_TABLE = "core_searchentry_fts"
# How much a match in the heading and in the summary outweighs one in the body (BM25's
# column weights, in the proportion of PostgreSQL's default weights for A, B and C).
# The first column, the entry's scope (its kind and language), only narrows a search.
WEIGHTS = (0.0, 10.0, 4.0, 2.0)


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
            scope=entry_scope(kind, document.language),
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
        update_fields=["language", "scope", "title", "summary", "body", "published_at"],
    )
    return len(entries)


def entry_scope(kind: str, language: str) -> str:
    """One index term for a kind in a language ("articleen"): a search asks for it too."""
    return re.sub(r"[^a-z0-9]", "", f"{kind}{language}".lower())


def search_best(
    *, kind: str, language: str, query: ParsedQuery, limit: int, order: str = "relevance"
) -> list[int]:
    """The ids of the best `limit` matches among the entries of `kind` in `language`, best
    first (or newest first), straight from the index.

    The index holds what was live when it was written; callers keep of these ids the ones
    their visibility rule allows, so a stale entry is never shown. Ranked inside SQLite's
    FTS5 without reading the entries of the other matches, or by PostgreSQL's GIN index.
    """
    if connections["default"].vendor == "postgresql":
        tsquery = _tsquery(query)
        entries = SearchEntry.objects.filter(kind=kind, language=language, document=tsquery)
        if order != "newest":
            entries = entries.annotate(score=SearchRank(F("document"), tsquery))
        return list(_ordered(entries, order=order).values_list("object_id", flat=True)[:limit])
    match = f'scope:"{entry_scope(kind, language)}" AND ({query.fts5()})'
    if order == "newest":
        sql = (
            f"SELECT object_id FROM core_searchentry WHERE id IN "  # noqa: S608 - our names
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
            f"ORDER BY published_at DESC, object_id DESC LIMIT %s"
        )
    else:
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        sql = (
            f"SELECT e.object_id FROM (SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s) AS best "
            f"JOIN core_searchentry e ON e.id = best.rowid "
            f"ORDER BY best.score, e.published_at DESC, e.object_id DESC"
        )
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [row[0] for row in cursor.fetchall()]


def search_count(*, kind: str, language: str, query: ParsedQuery) -> int:
    """How many entries of `kind` in `language` match: counted in the index alone."""
    if connections["default"].vendor == "postgresql":
        return SearchEntry.objects.filter(
            kind=kind, language=language, document=_tsquery(query)
        ).count()
    match = f'scope:"{entry_scope(kind, language)}" AND ({query.fts5()})'
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608
        return cursor.fetchone()[0]


def search_entries_delete(*, kind: str, object_ids: Iterable[int], using: str = "default") -> int:
    deleted, _ = (
        SearchEntry.objects.using(using).filter(kind=kind, object_id__in=list(object_ids)).delete()
    )
    return deleted


def search_ranked(
    *, kind: str, query: ParsedQuery, candidates: QuerySet | None = None, order: str = "relevance"
) -> QuerySet[SearchEntry]:
    """Entries of `kind` matching every word of `query`, best (or newest) first; to slice
    and count, not to nest in another query. With `candidates`, only the entries of those
    objects (the caller's visibility rule and filters), checked match by match: exact, and
    dearer than `search_best` for a common word."""
    entries = SearchEntry.objects.filter(kind=kind)
    if candidates is not None:
        entries = entries.filter(Exists(candidates.filter(pk=OuterRef("object_id"))))
    if connections[entries.db].vendor == "postgresql":
        tsquery = _tsquery(query)
        entries = entries.filter(document=tsquery)
        if order != "newest":
            entries = entries.annotate(score=SearchRank(F("document"), tsquery))
    else:
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        # FTS5's BM25 is only known inside its own query: the index table is joined by rowid.
        entries = entries.extra(  # noqa: S610 - our names; the query is a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = core_searchentry.id", f"{FTS_TABLE} MATCH %s"],
            params=[query.fts5()],
            select={"score": f"-bm25({FTS_TABLE}, {weights})"},
        )
    return _ordered(entries, order=order)


def _ordered(entries: QuerySet[SearchEntry], *, order: str) -> QuerySet[SearchEntry]:
    if order == "newest":
        return entries.order_by("-published_at", "-object_id")
    return entries.order_by("-score", "-published_at", "-object_id")


def _tsquery(query: ParsedQuery) -> SearchQuery:
    return SearchQuery(query.tsquery(), search_type="raw", config="simple")
