"""Marks the words of a result that matched the reader's query."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.core.search.analysis import WORD, terms_of_word
from dateline.core.search.query import ParsedQuery


def highlight(text: str, query: ParsedQuery, *, language: str) -> SafeString:
    """`text` escaped, each word whose terms meet the query's inside `<mark>`."""
    wanted = query.all_terms()
    if not wanted:
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        word = match.group().lower().replace("ё", "е")
        if terms_of_word(word, language) & wanted:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above
