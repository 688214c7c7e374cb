"""Words to search terms, the same way at index and at query time, by the text's language.

Russian words become their lemmas (pymorphy3 with its dictionaries, shipped in packages):
"экстрадиции", "экстрадицию" and "экстрадиция" are one term, and so are every case of
"Кремль" and every form of "принять". A word with several readings ("стали": of "стать"
and of "сталь") gives every lemma, so either meaning finds it. Other languages go through
their Snowball stemmer (PyStemmer): "extraditions" and "extradition" both give "extradit".

An edition's language decides its analysis; a word in the other alphabet (a Latin name in
a Russian article, a Cyrillic quote in an English one) is analysed as that alphabet's
language, so a Russian reader typing "NATO" and an English one typing "Кремль" still match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import Stemmer
from django.conf import settings

# Letters and digits; everything else (punctuation, underscores, FTS syntax) separates.
WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z]")
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})
# Longer runs are no word of any language (and would bloat the index).
MAX_WORD_LENGTH = 40


def words(text: str) -> Iterator[str]:
    """The words of `text`, lower-cased, "ё" read as "е" as Russian readers type it."""
    for match in WORD.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        if len(word) <= MAX_WORD_LENGTH:
            yield word


def terms_of_word(word: str, language: str) -> frozenset[str]:
    """The index terms of one lower-cased word: its lemmas or its stem."""
    if CYRILLIC.search(word):
        language = "ru" if language not in CYRILLIC_LANGUAGES else language
    elif LATIN.search(word) and language in CYRILLIC_LANGUAGES:
        language = "en"
    if language == "ru":
        return _russian_lemmas(word)
    return frozenset([_stem(word, _stemmer_name(language))])


def analysed_text(text: str, language: str) -> str:
    """Every term of `text` in order, a word's several lemmas side by side (for the index)."""
    return " ".join(term for word in words(text) for term in sorted(terms_of_word(word, language)))


def _stemmer_name(language: str) -> str:
    """The Snowball algorithm for a language code: DATELINE_SEARCH_STEMMERS names it for a
    new edition's language; English's for a language with no stemmer at all."""
    name = settings.DATELINE_SEARCH_STEMMERS.get(language, "english")
    return name if name in _algorithms() else "english"


@cache
def _algorithms() -> frozenset[str]:
    return frozenset(Stemmer.algorithms())


@cache
def _stemmer(name: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(name, 100_000)  # PyStemmer's own cache of recent words


def _stem(word: str, name: str) -> str:
    if word.isdigit():
        return word
    return _stemmer(name).stemWord(word)


@cache
def _morph():  # pymorphy3 ships no types
    import pymorphy3  # loading its dictionaries takes a moment: only when Russian is met

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def _russian_lemmas(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 reads `word` as; a word it does not know (a rare
    name) gives its guessed lemma, the same at index and at query time."""
    if word.isdigit():
        return frozenset([word])
    lemmas = {parse.normal_form.replace("ё", "е") for parse in _morph().parse(word)}
    return frozenset(lemmas) or frozenset([word])
