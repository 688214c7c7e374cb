"""The search index: entries written beside what they describe, and ranked matching.

Each app says what a thing's heading, summary and body are; the index analyses them in
the thing's language and keeps the terms (`SearchEntry`). Matching runs on SQLite's FTS5
(ranked by BM25) or on PostgreSQL's full-text search (ranked by `ts_rank`) over the same
terms, so both profiles find the same things for the same query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from dateline.core.models import SearchEntry
from dateline.core.search.analysis import analysed_text
from dateline.core.search.query import ParsedQuery

FTS_TABLE = "core_searchentry_fts"
# How much a match in the heading and in the summary outweighs one in the body (BM25's
# column weights, in the proportion of PostgreSQL's default weights for A, B and C).
# The first column, the entry's scope (its kind and language), only narrows a search.
WEIGHTS = (0.0, 10.0, 4.0, 2.0)
HEADING_COLUMNS = "{title summary}"
RANK_ALL = 5_000  # past this many matches, see `search_best`
COUNT_LIMIT = 10_000  # a total past this is "more than 10,000"


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
    now = timezone.now()  # for what carries no publication time (a page made live by code)
    entries = [
        SearchEntry(
            kind=kind,
            scope=entry_scope(kind, document.language),
            sequence=entry_sequence(kind, document.object_id, document.published_at or now),
            object_id=document.object_id,
            language=document.language,
            title=analysed_text(document.title, document.language),
            summary=analysed_text(document.summary, document.language),
            body=analysed_text(document.body, document.language),
            published_at=document.published_at or now,
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
        update_fields=[
            "language",
            "scope",
            "sequence",
            "title",
            "summary",
            "body",
            "published_at",
        ],
    )
    return len(entries)


def search_entries_rewrite(
    ids: list[int],
    *,
    write: Callable[[list[int]], int],
    batch: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """`write` (which indexes the things of some ids) over `ids`, a transaction a batch, so
    a rewrite of a large index neither holds one long transaction nor loses what it did."""
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            done += write(chunk)
        if progress is not None:
            progress(len(chunk))
    return done


def entry_sequence(kind: str, object_id: int, published_at: datetime) -> int:
    """The entry's place in the order of publication, unique: the microsecond it was
    published, then its kind and the low bits of its id (two things of one kind published
    in the same microsecond with ids 1,024 apart are all it would take to collide)."""
    return (
        int(published_at.timestamp() * 1_000_000) * 2048
        + (1024 if kind == "photo" else 0)
        + object_id % 1024
    )


def entry_scope(kind: str, language: str) -> str:
    """One index term for a kind in a language ("articleen"): a search asks for it too."""
    return re.sub(r"[^a-z0-9]", "", f"{kind}{language}".lower())


@dataclass(frozen=True)
class Best:
    ids: list[int]  # best (or newest) first
    total: int  # every match, up to COUNT_LIMIT + 1


def search_best(
    *, kind: str, language: str, query: ParsedQuery, limit: int, order: str = "relevance"
) -> Best:
    """The ids of the best `limit` matches among the entries of `kind` in `language`, best
    first (or newest first), straight from the index.

    The index holds what was live when it was written; callers keep of these ids the ones
    their visibility rule allows, so a stale entry is never shown. Past RANK_ALL matches
    (an agency's name in every one of its stories), ranking every match would cost more
    than a reader waits: the matches in the heading or summary come first, ranked, then
    the others newest first.
    """
    total = search_count(kind=kind, language=language, query=query)
    if order == "newest" or total <= RANK_ALL:
        return Best(_best(kind, language, query, limit, ranked=order != "newest"), total)
    best = _best(kind, language, query, limit, ranked=True, heading=True)
    if len(best) < limit:
        best += _best(kind, language, query, limit - len(best), ranked=False, heading=False)
    return Best(best, total)


def _best(
    kind: str,
    language: str,
    query: ParsedQuery,
    limit: int,
    *,
    ranked: bool,
    heading: bool | None = None,
) -> list[int]:
    """Matches best first (`ranked`) or newest first; `heading` True keeps only those
    matching in the heading or summary, False only the others, None all."""
    if connections["default"].vendor == "postgresql":
        entries = SearchEntry.objects.filter(kind=kind, language=language)
        vector = "document"
        if heading is True:  # the small vector of headings alone, found and ranked cheaply
            entries, vector = entries.filter(heading=_tsquery(query)), "heading"
        else:
            entries = entries.filter(document=_tsquery(query))
            if heading is False:
                entries = entries.exclude(heading=_tsquery(query))
        if ranked:
            entries = entries.annotate(score=SearchRank(F(vector), _tsquery(query)))
        order = "relevance" if ranked else "newest"
        return list(_ordered(entries, order=order).values_list("object_id", flat=True)[:limit])
    match = f'scope:"{entry_scope(kind, language)}" AND ({query.fts5()})'
    if heading is True:
        match = f'scope:"{entry_scope(kind, language)}" AND {HEADING_COLUMNS} : ({query.fts5()})'
    elif heading is False:
        match = f"{match} NOT {HEADING_COLUMNS} : ({query.fts5()})"
    # FTS5's rowid is the entry's `sequence`: its order is the order of publication.
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    rank = f"bm25({FTS_TABLE}, {weights}), rowid DESC" if ranked else "rowid DESC"
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY {rank} LIMIT %s",  # noqa: S608 - our names
            [match, limit],
        )
        sequences = [row[0] for row in cursor.fetchall()]
        # One parameter for the lot: no list of hundreds of placeholders to build.
        cursor.execute(
            "SELECT sequence, object_id FROM core_searchentry "
            "WHERE sequence IN (SELECT value FROM json_each(%s))",
            [json.dumps(sequences)],
        )
        objects = dict(cursor.fetchall())
    return [objects[sequence] for sequence in sequences if sequence in objects]


def search_count(*, kind: str, language: str, query: ParsedQuery) -> int:
    """How many entries of `kind` in `language` match, counted in the index alone: exactly
    up to COUNT_LIMIT, and COUNT_LIMIT + 1 for any number past it."""
    if connections["default"].vendor == "postgresql":
        entries = SearchEntry.objects.filter(kind=kind, language=language, document=_tsquery(query))
        return entries[: COUNT_LIMIT + 1].count()
    match = f'scope:"{entry_scope(kind, language)}" AND ({query.fts5()})'
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608
        return min(cursor.fetchone()[0], COUNT_LIMIT + 1)


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
            where=[f"{FTS_TABLE}.rowid = core_searchentry.sequence", f"{FTS_TABLE} MATCH %s"],
            params=[query.fts5()],
            select={"score": f"-bm25({FTS_TABLE}, {weights})"},
        )
    return _ordered(entries, order=order)


def _ordered(entries: QuerySet[Any], *, order: str) -> QuerySet[Any]:
    """Newest first, or best first (`score`, annotated or selected by the caller)."""
    if order == "newest":
        return entries.order_by("-published_at", "-object_id")
    return entries.order_by("-score", "-published_at", "-object_id")


def _tsquery(query: ParsedQuery) -> SearchQuery:
    return SearchQuery(query.tsquery(), search_type="raw", config="simple")
