"""A reader's search as our code understands it, never handed raw to a full-text engine.

Whatever is typed, only its words count: quotes, operators, brackets, NUL and control
characters are separators, so no query is a syntax error in SQLite's FTS5 or PostgreSQL's
tsquery. Each word becomes the set of its terms (`analysis`); a result must match every
word, any of its terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from dateline.core.search.analysis import terms_of_word, words

MAX_WORDS = 12


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]
    terms: tuple[frozenset[str], ...]
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)

    def all_terms(self) -> frozenset[str]:
        return frozenset().union(*self.terms)

    def fts5(self) -> str:
        """FTS5 MATCH syntax: every term quoted (a term is letters and digits only)."""
        return " AND ".join(
            "(" + " OR ".join(f'"{term}"' for term in sorted(alternatives)) + ")"
            for alternatives in self.terms
        )

    def tsquery(self) -> str:
        """PostgreSQL's `to_tsquery('simple', …)` syntax, the same structure."""
        return " & ".join(
            "(" + " | ".join(f"'{term}'" for term in sorted(alternatives)) + ")"
            for alternatives in self.terms
        )


def query_parse(text: str, *, language: str) -> ParsedQuery:
    """The reader's words (at most MAX_WORDS, repeats dropped) and the terms of each."""
    seen: list[str] = []
    for word in words(text):
        if word not in seen:
            seen.append(word)
    kept = seen[:MAX_WORDS]
    return ParsedQuery(
        words=tuple(kept),
        terms=tuple(terms_of_word(word, language) for word in kept),
        truncated=len(seen) > MAX_WORDS,
    )


def query_cut(data: QueryDict, *, length: int) -> QueryDict:
    """A copy of a form's data with its query `q` cut to `length`: a query longer than the
    box allows is searched by its first words, not refused."""
    data = data.copy()
    data["q"] = data.get("q", "")[:length]
    return data
