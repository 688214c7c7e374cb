"""XML as the wire desk reads it: never from the network, never expanding entities."""

from __future__ import annotations

import re

from lxml import etree

from dateline.wire.parsers.item import ParseError

# An internal DTD subset is where entity bombs and external entities live; agencies'
# XML has no use for one. A DOCTYPE that only names a DTD is allowed, and not loaded.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def as_utf8_probe(content: bytes) -> bytes:
    """The bytes to look for markup in: UTF-16 documents (with their BOM) re-encoded."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return content.decode("utf-16", errors="replace").encode("utf-8")
    return content


def xml_root(content: bytes) -> etree._Element:
    """The document's root element, or a ParseError saying what is wrong with it."""
    probe = as_utf8_probe(content)
    if _INTERNAL_SUBSET.search(probe[:4096]) or _ENTITY.search(probe):
        raise ParseError("The document declares its own DTD or entities, which are refused.")
    try:
        root = etree.fromstring(content, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise ParseError(f"Malformed XML: {error.msg} (line {error.lineno}).") from None
    except (ValueError, LookupError) as error:  # e.g. an unknown declared encoding
        raise ParseError(f"Unreadable XML: {error}.") from None
    if root is None:
        raise ParseError("The document is empty.")
    return root


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def text_of(element: etree._Element | None) -> str:
    """All the text in `element`, with whitespace runs collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
