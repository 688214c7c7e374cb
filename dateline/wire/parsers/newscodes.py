"""IPTC NewsCodes: the names of Subject Codes (`subj:`) and Media Topics (`medtop:`), so a
subject an agency sends only as a QCode reaches the desk as a word in the item's language.

The names are derived from IPTC's catalogues by `manage.py newscodes_derive` into
`wire/data/newscodes.json` (CC BY 4.0, © IPTC, as that file says) and read from there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "newscodes.json"
SCHEMES = {"subj", "medtop"}
ATTRIBUTION = (
    "Names of IPTC Subject Codes and Media Topics, derived from IPTC's NewsCodes "
    "(https://iptc.org/standards/newscodes/), © IPTC, International Press "
    "Telecommunications Council, licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/)."
)
# IPTC's own tags for some languages, and regional variants, to a language's code.
LANGUAGES = {"se": "sv", "dk": "da", "zh-hans": "zh"}


def qcode_name(qcode: str, language: str = "") -> str:
    """The name of a Subject Code or Media Topic in `language` (else in English); another
    scheme's code, or a code IPTC does not name, is kept as the code itself."""
    qcode = qcode.strip()
    scheme, _, code = qcode.partition(":")
    names = _names().get(scheme, {}).get(code)
    if not names:
        return qcode
    return names.get(language_code(language or "en")) or names.get("en") or qcode


def language_code(tag: str) -> str:
    tag = tag.lower()
    return LANGUAGES.get(tag) or LANGUAGES.get(tag.split("-")[0]) or tag.split("-")[0]


@cache
def _names() -> dict[str, dict[str, dict[str, str]]]:
    return json.loads(DATA.read_text(encoding="utf-8")) if DATA.exists() else {}


def newscodes_derive(catalogues: Iterable[dict]) -> dict:
    """Names by scheme, code and language from IPTC's IKOS JSON catalogues; a later
    catalogue's name wins (the newest release last)."""
    derived: dict = {"about": ATTRIBUTION, **{scheme: {} for scheme in sorted(SCHEMES)}}
    for catalogue in catalogues:
        for concept in catalogue.get("conceptSet", []):
            scheme, _, code = (concept.get("qcode") or "").partition(":")
            labels = concept.get("prefLabel") or {}
            if scheme not in SCHEMES or not code or not isinstance(labels, dict):
                continue
            names = derived[scheme].setdefault(code, {})
            for tag, label in sorted(labels.items()):
                language = language_code(tag)
                # One name a language: the first region's (en-GB, pt-PT before pt-BR).
                if label and (language not in names or tag.lower() == f"{language}-gb"):
                    names[language] = label.strip()
    return derived
