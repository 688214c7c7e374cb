"""NewsML-G2 (IPTC): news items (text, picture), packages, and news messages carrying them.

Checked against the NewsML-G2 XSD named by DATELINE_WIRE_NEWSML_G2_XSD, when one is named:
by default ("warn", DATELINE_WIRE_SCHEMA_CHECK) what the schema finds wrong is kept with
the item for the desk to see, as agencies send small schema errors every day; "strict"
refuses an invalid item. A news message's items are checked each on its own: an error in
its header never refuses its good items.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

from dateline.wire.parsers.html_body import (
    dateline_place,
    first_paragraph,
    first_sentence,
    is_chrome,
    text_to_html,
    with_blocks,
    without_chrome,
    xml_body_html,
)
from dateline.wire.parsers.item import (
    Link,
    ParsedItem,
    ParseError,
    Picture,
    moment,
    status_of,
    whole_number,
)
from dateline.wire.parsers.newscodes import SCHEMES, qcode_name
from dateline.wire.parsers.safe_xml import local_name, text_of, xml_root

FORMAT = "newsml-g2"
NEWS_ITEMS = {"newsItem", "packageItem"}
OTHER_ITEMS = {"conceptItem", "knowledgeItem", "planningItem", "catalogItem", "catalog"}
CLASSES = {
    "ninat:text": "text",
    "ninat:picture": "picture",
    "ninat:graphic": "picture",
    "ninat:composite": "package",
}


def parse(content: bytes) -> list[ParsedItem]:
    root = xml_root(content)
    name = local_name(root)
    if name == "newsMessage":
        items = [el for el in root.iterfind("{*}itemSet/*") if local_name(el) in NEWS_ITEMS]
        if not items:
            raise ParseError("The news message carries no news or package item.")
        header = _schema_errors(root) if _schema() is not None else []
        parsed, refused = [], []
        for number, element in enumerate(items, start=1):
            try:
                item = _with_raw(_item(element), element)
                own = _schema_errors(etree.fromstring(item.raw)) if header else []
                if own and _strict():
                    raise _invalid(own, item.guid)
            except ParseError as error:  # one bad item: the message's others still come in
                refused.append(f"News message: item {number} refused: {error.reason}")
                continue
            # The message's own errors are the header's when its items are valid alone.
            item.warnings = own or [f"News message: {error}" for error in header]
            parsed.append(item)
        if not parsed:
            first = refused[0].removeprefix("News message: ")
            raise ParseError(f"None of the message's {len(items)} items could be read; {first}")
        for item in parsed:
            item.warnings += refused
        return parsed
    if name in NEWS_ITEMS:
        errors = _schema_errors(root) if _schema() is not None else []
        if errors and _strict():
            raise _invalid(errors)
        item = _item(root)
        item.warnings = errors
        return [item]
    if name in OTHER_ITEMS:
        raise ParseError(f"A NewsML-G2 {name} is not news to publish; it was not ingested.")
    raise ParseError(f"Not a NewsML-G2 item: the document's root is <{name}>.")


def _with_raw(item: ParsedItem, element: etree._Element) -> ParsedItem:
    item.raw = etree.tostring(element, encoding="unicode")
    return item


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def name_of(element: etree._Element | None, language: str = "", *, unnamed: str = "part") -> str:
    """What a NewsML-G2 concept is called: its `<name>` (in `language` if it has one),
    else its `literal`, else the name IPTC gives its QCode. A code nobody names is kept
    whole when IPTC's (`unnamed="code"`, a subject), else as its part after the scheme
    ("part", "nprov:AP", "city:Moscow"), or not at all ("none")."""
    if element is None:
        return ""
    names = [n for n in element.iterfind("{*}name") if text_of(n)]
    spoken = [n for n in names if _same_language(n.get(XML_LANG) or "en", language or "en")]
    if names:
        return text_of((spoken or names)[0])
    literal = " ".join((element.get("literal") or "").split())
    qcode = (element.get("qcode") or "").strip()
    named = qcode_name(qcode, language)
    if literal or named != qcode:
        return literal or named
    scheme, _, part = qcode.partition(":")
    if unnamed == "code" and scheme in SCHEMES:  # IPTC's code: an editor can look it up
        return qcode
    return part if unnamed != "none" else ""


def _same_language(tag: str, language: str) -> bool:
    return tag.lower().split("-")[0] == language.lower().split("-")[0]


def content_meta(meta: etree._Element, language: str = "") -> dict:
    """Place, dateline, creators, language and subjects of a <contentMeta> block."""
    tag = meta.find("{*}language")
    language = (tag.get("tag", "") if tag is not None else "") or language
    located = meta.find("{*}located")
    creators = [name_of(creator, language) for creator in meta.iterfind("{*}creator")]
    by = text_of(meta.find("{*}by"))
    subjects = [
        name_of(subject, language, unnamed="code") for subject in meta.iterfind("{*}subject")
    ]
    subjects += [text_of(k) for k in meta.iterfind("{*}keyword") if text_of(k)]
    return {
        "place": name_of(located, language),  # an empty <located/> names no place
        "dateline": text_of(meta.find("{*}dateline")),
        "byline": by or ", ".join(c for c in creators if c),
        "language": language,
        "subjects": list(dict.fromkeys(s for s in subjects if s)),
        "created": moment(text_of(meta.find("{*}contentCreated"))),
    }


def _item(element: etree._Element) -> ParsedItem:
    guid = (element.get("guid") or "").strip()
    if not guid:
        raise ParseError("The item has no guid to identify it.")
    version = _version(element.get("version"))
    item_meta = element.find("{*}itemMeta")
    if item_meta is None:
        raise ParseError(f"Item {guid} has no itemMeta: it is incomplete.")
    # contentMeta is optional (an item of events, say): read as an empty one.
    meta = element.find("{*}contentMeta")
    meta = meta if meta is not None else etree.Element("contentMeta")
    item_class = item_meta.find("{*}itemClass")
    qcode = item_class.get("qcode", "") if item_class is not None else ""
    kind = CLASSES.get(qcode, qcode.partition(":")[2] or "text")
    facts = content_meta(meta, element.get(XML_LANG, ""))
    language = facts["language"]
    body, byline = _content(element)
    headline = text_of(meta.find("{*}headline")) or text_of(item_meta.find("{*}title"))
    headline = headline or _headline_from(body, meta, element)
    if not headline:
        raise ParseError(
            f"Item {guid} has no headline, and neither a description nor text to name it by."
        )
    descriptions = {d.get("role", ""): text_of(d) for d in meta.iterfind("{*}description")}
    lede = descriptions.get("drol:summary") or next(iter(descriptions.values()), "")
    rights = element.find("{*}rightsInfo")
    holder = name_of(rights.find("{*}copyrightHolder"), language) if rights is not None else ""
    notice = text_of(rights.find("{*}copyrightNotice")) if rights is not None else ""
    agency = (
        name_of(meta.find("{*}infoSource"), language)
        or name_of(item_meta.find("{*}provider"), language)
        or holder
    )
    # The dateline as the copy writes it names the place the story was filed from;
    # some agencies' <located> is their editing desk.
    first_text = first_paragraph(body)
    place = dateline_place(facts["dateline"]) or dateline_place(first_text) or facts["place"]
    urgency = text_of(meta.find("{*}urgency"))
    item = ParsedItem(
        guid=guid,
        version=version,
        format=FORMAT,
        item_class=kind,
        headline=headline,
        lede=(lede if lede and not is_chrome(lede) else first_text) if kind != "picture" else "",
        body_html=body,
        dateline_place=place,
        dateline_text=facts["dateline"],
        dateline_date=facts["created"],
        agency=agency,
        byline=facts["byline"] or byline,
        language=language,
        subjects=facts["subjects"],
        urgency=whole_number(urgency),
        first_created=moment(text_of(item_meta.find("{*}firstCreated"))),
        version_created=moment(text_of(item_meta.find("{*}versionCreated"))),
        status=status_of(_attribute(item_meta.find("{*}pubStatus"), "qcode")),
        embargoed=moment(text_of(item_meta.find("{*}embargoed"))),
        ed_note=" ".join(text_of(note) for note in item_meta.iterfind("{*}edNote")).strip(),
        usage_terms=text_of(rights.find("{*}usageTerms")) if rights is not None else "",
    )
    if kind == "picture":
        item.pictures = [
            Picture(
                href=remote.get("href", "").strip(),
                caption=descriptions.get("drol:caption") or lede,
                credit=text_of(meta.find("{*}creditline")) or holder,
                creator=facts["byline"],
                copyright_notice=notice,
                rendition=remote.get("rendition", ""),
                content_type=remote.get("contenttype", ""),
                width=whole_number(remote.get("width")),
                height=whole_number(remote.get("height")),
            )
            for remote in element.iterfind("{*}contentSet/{*}remoteContent")
            if remote.get("href")
        ]
    item.links = [
        Link(
            href=ref.get("residref") or ref.get("href", ""),
            title=text_of(ref.find("{*}title")),
            role=ref.getparent().get("role", ""),
        )
        for ref in element.iterfind(".//{*}groupSet/{*}group/{*}itemRef")
    ]
    return item


def _content(element: etree._Element) -> tuple[str, str]:
    """Body HTML and the byline written in it, from inline XML or inline text."""
    inline = element.find("{*}contentSet/{*}inlineXML")
    if inline is not None:
        body = inline.find(".//{*}body.content")
        if body is None:
            body = inline.find(".//{*}body")
        byline = text_of(inline.find(".//{*}body.head/{*}byline"))
        return without_chrome(xml_body_html(body)), byline.removeprefix("By ").strip()
    data = element.find("{*}contentSet/{*}inlineData")
    if data is not None:
        if "html" in data.get("contenttype", ""):
            return without_chrome(with_blocks(data.text or "")), ""
        return text_to_html(data.text or ""), ""
    return "", ""


def _headline_from(body: str, meta: etree._Element, element: etree._Element) -> str:
    """A headline for a valid item sent without one (video, events, sports packages): its
    slugline, its description's or its text's first sentence, the headline of a package's
    lead item, else the name of the first thing it carries (an event's)."""
    candidates = (
        text_of(meta.find("{*}slugline")),
        first_sentence(text_of(meta.find("{*}description"))),
        first_sentence(first_paragraph(body)),
        text_of(element.find(".//{*}groupSet/{*}group/{*}itemRef/{*}headline")),
        first_sentence(text_of(element.find("{*}contentSet/{*}inlineXML//{*}name"))),
    )
    return next((candidate for candidate in candidates if candidate), "")


def _attribute(element: etree._Element | None, name: str) -> str:
    return (element.get(name) or "") if element is not None else ""


SCHEMA_ERRORS_KEPT = 5


def _schema_errors(root: etree._Element) -> list[str]:
    """What the schema finds wrong in `root` (the first few), as the desk shows it."""
    schema = _schema()
    if schema is None or schema.validate(root):
        return []
    return [
        f"{error.message} (line {error.line})"
        for error in list(schema.error_log)[:SCHEMA_ERRORS_KEPT]
    ]


def _invalid(errors: list[str], guid: str = "") -> ParseError:
    item = f" (item {guid})" if guid else ""
    return ParseError(f"Not valid NewsML-G2{item}: {errors[0]}")


def _strict() -> bool:
    return getattr(settings, "DATELINE_WIRE_SCHEMA_CHECK", "warn") == "strict"


def _schema() -> etree.XMLSchema | None:
    return _schema_at(getattr(settings, "DATELINE_WIRE_NEWSML_G2_XSD", ""))


@cache
def _schema_at(path: str) -> etree.XMLSchema | None:
    if not path:
        return None
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(Path(path)), parser=parser))


def _version(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        raise ParseError(f"The item's version {value!r} is not a number.") from None
