"""Readers' search queries as plain words for the search backend."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
MAX_WORDS = 20


def search_words(text: str) -> str:
    """The words of `text`, space-separated, at most MAX_WORDS of them.

    Quotes, operators and other full-text syntax are not the reader's to use: SQLite's
    FTS5 answers an unbalanced quote or a bare `AND OR` with a syntax error. Readers
    type words; they are searched for as words.
    """
    return " ".join(WORD.findall(text)[:MAX_WORDS])
