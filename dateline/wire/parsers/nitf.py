"""NITF (IPTC News Industry Text Format) 3.x documents."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from lxml import etree

from dateline.wire.parsers.html_body import xml_body_html
from dateline.wire.parsers.item import ParsedItem, ParseError, Picture, status_of, whole_number
from dateline.wire.parsers.safe_xml import local_name, text_of, xml_root

FORMAT = "nitf"


def parse(content: bytes) -> list[ParsedItem]:
    root = xml_root(content)
    if local_name(root) != "nitf":
        raise ParseError(f"Not an NITF document: the root is <{local_name(root)}>.")
    head, body = root.find("{*}head"), root.find("{*}body")
    docdata = head.find("{*}docdata") if head is not None else None
    doc_id = docdata.find("{*}doc-id") if docdata is not None else None
    body_head = body.find("{*}body.head") if body is not None else None
    headline = text_of(body_head.find("{*}hedline/{*}hl1")) if body_head is not None else ""
    headline = headline or text_of(head.find("{*}title") if head is not None else None)
    guid = (doc_id.get("id-string", "") if doc_id is not None else "").strip()
    guid = guid or _derived_id(doc_id, docdata, headline)
    if not headline:
        raise ParseError(f"Document {guid} has no headline.")
    content_block = body.find("{*}body.content") if body is not None else None
    byline = _byline(body_head.find("{*}byline")) if body_head is not None else ""
    dateline = body_head.find("{*}dateline") if body_head is not None else None
    evloc = docdata.find("{*}evloc") if docdata is not None else None
    place = text_of(dateline.find(".//{*}city")) if dateline is not None else ""
    place = place or (text_of(dateline.find("{*}location")) if dateline is not None else "")
    place = place or (evloc.get("city", "") if evloc is not None else "")
    urgency = docdata.find("{*}urgency") if docdata is not None else None
    version = docdata.find("{*}du-key") if docdata is not None else None
    abstract = text_of(body_head.find("{*}abstract")) if body_head is not None else ""
    first_paragraph = content_block.find("{*}p") if content_block is not None else None
    return [
        ParsedItem(
            guid=guid,
            version=(whole_number(version.get("version")) if version is not None else None) or 1,
            format=FORMAT,
            headline=headline,
            lede=abstract or text_of(first_paragraph),
            body_html=xml_body_html(content_block),
            dateline_place=place,
            dateline_text=_dateline_text(dateline),
            dateline_date=_norm_date(
                dateline.find("{*}story.date") if dateline is not None else None
            )
            or _norm_date(docdata.find("{*}date.issue") if docdata is not None else None),
            agency=_agency(root, docdata),
            byline=byline,
            language=root.get("{http://www.w3.org/XML/1998/namespace}lang", "")
            or root.get("baselang", ""),
            subjects=_subjects(head),
            urgency=whole_number(urgency.get("ed-urg")) if urgency is not None else None,
            pictures=_pictures(content_block),
            status=status_of(docdata.get("management-status") if docdata is not None else ""),
            embargoed=_norm_date(docdata.find("{*}date.release") if docdata is not None else None),
            ed_note=" ".join(
                note.get("info", "") or text_of(note)
                for note in (docdata.iterfind("{*}ed-msg") if docdata is not None else [])
            ).strip(),
        )
    ]


def _subjects(head: etree._Element | None) -> list[str]:
    if head is None:
        return []
    found = []
    for subject in head.iterfind("{*}tobject/{*}tobject.subject"):
        label = (
            subject.get("tobject.subject.detail")
            or subject.get("tobject.subject.matter")
            or subject.get("tobject.subject.type")
        )
        if label:
            found.append(label)
    found += [
        k.get("key", "") for k in head.iterfind("{*}docdata/{*}key-list/{*}keyword") if k.get("key")
    ]
    return found


def _agency(root: etree._Element, docdata: etree._Element | None) -> str:
    """The agency: the copyright holder, the rights owner, the distributor, else the first
    source the document passed through."""
    source = root.find(".//{*}doc.copyright")
    if source is not None and source.get("holder"):
        return source.get("holder")
    for path in (".//{*}rights.owner", ".//{*}distributor"):
        named = text_of(root.find(path))
        if named:
            return named
    sources = docdata.findall("{*}del-list/{*}from-src") if docdata is not None else []
    return sources[0].get("src-name", "") if sources else ""


def _derived_id(
    doc_id: etree._Element | None, docdata: etree._Element | None, headline: str
) -> str:
    """A stable id for a document whose doc-id names none, as agencies' parsers make it:
    its source, its issue date and its headline's digest."""
    if not headline:
        raise ParseError("The NITF document has neither a doc-id nor a headline to identify it.")
    source = (doc_id.get("regsrc", "") if doc_id is not None else "").strip()
    issued = docdata.find("{*}date.issue") if docdata is not None else None
    date = (issued.get("norm", "") if issued is not None else "").strip()
    digest = hashlib.sha1(headline.encode(), usedforsecurity=False).hexdigest()[:16]
    return ":".join(["nitf", source or "unknown", date or "undated", digest])


def _byline(byline: etree._Element | None) -> str:
    """The writer's name: not the job title (`byttl`) nor the editors' credit after it."""
    if byline is None:
        return ""
    parts = [byline.text or ""]
    for child in byline:
        if local_name(child) != "byttl":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    text = " ".join("".join(parts).split())
    text = re.split(r"[;(]\s*(?:[Ee]dit(?:ed|ing) by|[Rr]eporting by)\b|\s+/\s*[A-Z]{2,3}\b", text)[
        0
    ]
    return re.sub(r"^[Bb][Yy]\s+", "", text).strip(" ,;")


def _dateline_text(dateline: etree._Element | None) -> str:
    """The dateline as written, without its `story.date` (a date is not a dateline)."""
    if dateline is None:
        return ""
    parts = [dateline.text or ""]
    for child in dateline:
        if local_name(child) != "story.date":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split()).strip(" ,")


def _pictures(content_block: etree._Element | None) -> list[Picture]:
    if content_block is None:
        return []
    pictures = []
    for media in content_block.iterfind(".//{*}media"):
        if media.get("media-type", "image") != "image":
            continue
        reference = media.find("{*}media-reference")
        if reference is None or not reference.get("source"):
            continue
        pictures.append(
            Picture(
                href=reference.get("source", ""),
                caption=text_of(media.find("{*}media-caption")),
                creator=text_of(media.find("{*}media-producer")),
                content_type=reference.get("mime-type", ""),
                width=whole_number(reference.get("width")),
                height=whole_number(reference.get("height")),
            )
        )
    return pictures


def _norm_date(element: etree._Element | None) -> datetime | None:
    norm = element.get("norm", "") if element is not None else ""
    for layout in ("%Y%m%dT%H%M%S%z", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            moment = datetime.strptime(norm, layout)  # noqa: DTZ007 - made aware below
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None
