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
# Past this many matches, see `search_best`; a reader pages through 50 pages at most.
RANK_ALL = 1_000
COUNT_LIMIT = 1_000  # a total past this is "more than 1,000"


@dataclass(frozen=True)
class Document:
    """What the index is told about one thing, in plain text, and the facets (`facet_token`)
    a search may narrow it by: its section, its authors, its topics."""

    object_id: int
    language: str
    title: str
    summary: str = ""
    body: str = ""
    published_at: datetime | None = None
    facets: tuple[str, ...] = ()


def search_entries_save(*, kind: str, documents: Iterable[Document], using: str = "default") -> int:
    """Write (or rewrite) the entries of `documents`; returns how many.

    Call it inside the transaction that changed them: the entry commits with the change.
    """
    now = timezone.now()  # for what carries no publication time (a page made live by code)
    entries = [
        SearchEntry(
            kind=kind,
            scope=" ".join((entry_scope(kind, document.language), *document.facets)),
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
    # An update where an entry exists: SQLite's FTS5 triggers follow it; PostgreSQL's
    # trigger makes the vectors of the row proposed, which the update then takes.
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
            "document",
            "heading",
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
    """One index term for a kind in a language ("articleen"): every search asks for it."""
    return facet_token(kind, language)


def facet_token(name: str, value: object) -> str:
    """One index term for a facet's value ("section12"): letters and digits only, so that
    both engines keep it whole."""
    return re.sub(r"[^a-z0-9]", "", f"{name}{value}".lower())


def _first_sequence(moment: datetime) -> int:
    """The least sequence of anything published at `moment` or later."""
    return entry_sequence("", 0, moment)


@dataclass(frozen=True)
class Scope:
    """Which entries a search reads: one kind in one language, narrowed to the entries
    holding every one of `facets` and published `since`."""

    kind: str
    language: str
    facets: tuple[str, ...] = ()
    since: datetime | None = None

    def tokens(self) -> tuple[str, ...]:
        return (entry_scope(self.kind, self.language), *self.facets)


@dataclass(frozen=True)
class Best:
    ids: list[int]  # best (or newest) first
    total: int  # every match, up to COUNT_LIMIT + 1


def search_best(*, scope: Scope, query: ParsedQuery, limit: int, order: str = "relevance") -> Best:
    """The ids of the best `limit` matches in `scope`, best first (or newest first),
    straight from the index.

    The index holds what was live when it was written; callers keep of these ids the ones
    their visibility rule (and their filters, exactly) allow, so a stale entry is never
    shown. Past RANK_ALL matches (an agency's name in every one of its stories), ranking
    every match would cost more than a reader waits: the matches in the heading or summary
    come first, ranked, then the others newest first.
    """
    engine = _engine()
    total = engine.count(scope, query)
    if order == "newest" or total <= RANK_ALL:
        ranked = order != "newest"
        return Best(engine.best(scope, query, limit, ranked=ranked, many=total > RANK_ALL), total)
    best = engine.best(scope, query, limit, ranked=True, heading=True, many=True)
    if len(best) < limit:
        # Newest first among the others: the page's rest, skipping what the heading found.
        newest = engine.best(scope, query, limit, ranked=False, many=True)
        best += [pk for pk in newest if pk not in set(best)][: limit - len(best)]
    return Best(best, total)


def _engine() -> _SQLite | _PostgreSQL:
    return _PostgreSQL() if connections["default"].vendor == "postgresql" else _SQLite()


class _SQLite:
    """FTS5: the scope's tokens are terms of the `scope` column (weight 0), and its row id
    is the entry's `sequence`, so "newest first" and "since" are the index's own order
    (`many` changes nothing here)."""

    def count(self, scope: Scope, query: ParsedQuery) -> int:
        match, where, params = self._match(scope, query)
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {where} LIMIT %s)",  # noqa: S608 - our names
                [match, *params, COUNT_LIMIT + 1],
            )
            return cursor.fetchone()[0]

    def best(
        self,
        scope: Scope,
        query: ParsedQuery,
        limit: int,
        *,
        ranked: bool,
        heading: bool = False,
        many: bool = False,
    ) -> list[int]:
        match, where, params = self._match(scope, query, heading=heading)
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        rank = f"bm25({FTS_TABLE}, {weights}), rowid DESC" if ranked else "rowid DESC"
        with connections["default"].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {where} ORDER BY {rank} LIMIT %s",  # noqa: S608 - our names
                [match, *params, limit],
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

    def _match(
        self, scope: Scope, query: ParsedQuery, *, heading: bool = False
    ) -> tuple[str, str, list[Any]]:
        columns = f"{HEADING_COLUMNS} : " if heading else ""
        match = " AND ".join(
            [*(f'scope:"{token}"' for token in scope.tokens()), f"{columns}({query.fts5()})"]
        )
        where, params = f"{FTS_TABLE} MATCH %s", []
        if scope.since is not None:
            where += " AND rowid >= %s"
            params.append(_first_sequence(scope.since))
        return match, where, params


class _PostgreSQL:
    """A GIN index over each entry's vectors, which hold the scope's tokens as terms of
    their own ("§articleen", no word of any text can be one): a search reads only its
    matches, never every entry of a kind and language."""

    # Walked newest first for "the newest matches" of a common word (see `best`).
    WINDOW = 5_000

    def count(self, scope: Scope, query: ParsedQuery) -> int:
        where, params = self._where("document", scope, query)
        return self._rows(
            f"SELECT count(*) FROM (SELECT 1 FROM core_searchentry WHERE {where} LIMIT %s) s",  # noqa: S608 - our names
            [*params, COUNT_LIMIT + 1],
        )[0]

    def best(
        self,
        scope: Scope,
        query: ParsedQuery,
        limit: int,
        *,
        ranked: bool,
        heading: bool = False,
        many: bool = False,
    ) -> list[int]:
        vector = "heading" if heading else "document"
        where, params = self._where(vector, scope, query)
        if ranked:
            rank = f"ts_rank({vector}, to_tsquery('simple', %s))"
            select = f"SELECT object_id FROM core_searchentry WHERE {where} ORDER BY {rank} DESC, sequence DESC LIMIT %s"  # noqa: S608, E501 - our names
            return self._rows(select, [*params, query.tsquery(), limit])
        select = f"SELECT object_id FROM {{entries}} WHERE {where} ORDER BY sequence DESC LIMIT %s"  # noqa: S608 - our names
        if many:
            # A common word: its newest matches are among the newest entries, walked in
            # the order of publication. Sorting all its matches would read every one.
            recent = (
                "(SELECT * FROM core_searchentry WHERE kind = %s AND language = %s"
                " ORDER BY sequence DESC LIMIT %s) recent"
            )
            found = self._rows(
                select.format(entries=recent),
                [scope.kind, scope.language, self.WINDOW, *params, limit],
            )
            if len(found) == limit:
                return found
        return self._rows(select.format(entries="core_searchentry"), [*params, limit])

    def _where(self, vector: str, scope: Scope, query: ParsedQuery) -> tuple[str, list[Any]]:
        tokens = " & ".join(f"'§{token}'" for token in scope.tokens())
        where = f"{vector} @@ (%s::tsquery && to_tsquery('simple', %s))"
        params: list[Any] = [tokens, query.tsquery()]
        if scope.since is not None:  # the recent entries, from `core_search_newest`
            where += " AND kind = %s AND language = %s AND sequence >= %s"
            params += [scope.kind, scope.language, _first_sequence(scope.since)]
        return where, params

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        with connections["default"].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


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
