"""Agency documents to UTF-8 before any parser reads them: byte-order marks honoured, UTF-16
and UTF-32 told by their zero bytes when they carry no mark, a declared encoding (XML
declaration, HTML meta) read as declared, and an undeclared legacy encoding (KOI8-R,
Windows-1251, Shift_JIS, EUC-KR, GB2312…) told by charset-normalizer, or refused with the
reason, never stored as mojibake."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from dateline.wire.parsers.item import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The first character of markup or JSON ("<", "{", "[", or white space) with its zero bytes.
_ZEROS = (
    (re.compile(rb"^\x00\x00\x00[<{\[\s]"), "utf-32-be"),
    (re.compile(rb"^[<{\[\s]\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"^\x00[<{\[\s]"), "utf-16-be"),
    (re.compile(rb"^[<{\[\s]\x00"), "utf-16-le"),
)
_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_DECLARATIONS = re.compile(
    r"""(^\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])|(<meta[^>]+charset\s*=\s*["']?)[A-Za-z0-9._:-]+""",
    re.I,
)
MOST_CHAOS = 0.2  # charset-normalizer's measure of how garbled the best reading still is


def as_utf8(content: bytes) -> bytes:
    """`content` in UTF-8, saying so wherever it declared another encoding."""
    for mark, encoding in _BOMS:
        if content.startswith(mark):
            return _redeclared(content.decode(encoding, errors="replace"))
    for zeros, encoding in _ZEROS:
        if zeros.match(content[:4]):
            return _redeclared(content.decode(encoding, errors="replace"))
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return content
    declared = _XML_DECLARED.match(content[:1024]) or _META_DECLARED.search(content[:8192])
    if declared is not None:
        name = declared.group(1).decode("ascii")
        try:
            return _redeclared(content.decode(name))
        except (LookupError, UnicodeDecodeError):
            raise ParseError(
                f"The document declares the encoding {name!r} but is not written in it."
            ) from None
    best = charset_normalizer.from_bytes(content).best()
    if best is None or best.chaos > MOST_CHAOS:
        raise ParseError(
            "The document is not UTF-8 and declares no encoding, and which one it is "
            'cannot be told: have the source declare it (encoding="…" or charset).'
        )
    return _redeclared(str(best))


def _redeclared(text: str) -> bytes:
    def utf8(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"{match.group(1)}UTF-8{match.group(2)}"
        return f"{match.group(3)}utf-8"

    return _DECLARATIONS.sub(utf8, text, count=2).encode("utf-8")
