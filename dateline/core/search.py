"""Readers' search queries as plain words for the search backend."""

from __future__ import annotations

import re

# Inside a quoted term (how Wagtail's backends pass each word to SQLite's FTS5), only a
# double quote is syntax; control characters are nobody's words.
NOT_TEXT = re.compile(r'["\x00-\x1f\x7f]')
WORD = re.compile(r"\w")
MAX_WORDS = 20


def search_words(text: str) -> str:
    """The words of `text`, space-separated, at most MAX_WORDS of them.

    Quotes and other full-text syntax are not the reader's to use: SQLite's FTS5 answered
    an unbalanced quote with a syntax error. Each word is kept whole ("ref2017.1" is one
    word to PostgreSQL), less its quotes; a token with no letter or digit is dropped.
    """
    words = (NOT_TEXT.sub("", token) for token in text.split())
    return " ".join([word for word in words if WORD.search(word)][:MAX_WORDS])
