"""ninjs (IPTC's news in JSON), versions 1.x to 3.x: 1.x's flat names (`headline`,
`body_html`, `associations` as an object), 2.x's arrays, 3.x's camelCase."""

from __future__ import annotations

import json
from typing import Any

from dateline.wire.parsers.html_body import (
    first_paragraph,
    first_sentence,
    sanitize,
    text_to_html,
)
from dateline.wire.parsers.item import (
    ParsedItem,
    ParseError,
    Picture,
    moment,
    status_of,
    whole_number,
)

FORMAT = "ninjs"


def parse(content: bytes) -> list[ParsedItem]:
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise ParseError(f"Not JSON: {error}.") from None
    except RecursionError:
        raise ParseError("The JSON is nested too deeply to read.") from None
    if isinstance(document, list):
        items = [d for d in document if isinstance(d, dict)]
        if not items:
            raise ParseError("The JSON list holds no ninjs object.")
        return [_item(d) for d in items]
    if not isinstance(document, dict):
        raise ParseError("A ninjs document is a JSON object.")
    return [_item(document)]


def _get(document: dict[str, Any], *names: str) -> Any:
    """The first of `names` present: one property under its 1.x, 2.x and 3.x names."""
    for name in names:
        if name in document and document[name] not in (None, "", [], {}):
            return document[name]
    return None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _role_value(values: Any, *roles: str) -> str:
    """From an array of {role, value} (2.x, 3.x): the first with one of `roles`, else the first."""
    if isinstance(values, str):
        return _text(values)
    if not isinstance(values, list):
        return ""
    entries = [v for v in values if isinstance(v, dict) and isinstance(v.get("value"), str)]
    for role in roles:
        for entry in entries:
            if entry.get("role") == role:
                return entry["value"]
    return entries[0]["value"] if entries else ""


def _item(document: dict[str, Any]) -> ParsedItem:
    guid = _get(document, "uri", "guid")
    if not isinstance(guid, str) or not guid.strip():
        raise ParseError("The ninjs object has no uri to identify it.")
    headline = (
        _text(_get(document, "headline", "headline_main"))
        or _text(_role_value(_get(document, "headlines"), "main", ""))
        or _text(_extensible(document, "headline_"))
        or _text(_get(document, "title"))  # metadata, but all an event or a plan carries
    )
    item_type = _get(document, "type") or "text"
    lede = _text(_get(document, "description_text")) or _text(
        _role_value(_get(document, "descriptions"), "summary", "")
    )
    # No headline (ninjs requires none): its description's or its text's first sentence.
    headline = headline or first_sentence(lede) or first_sentence(first_paragraph(_body(document)))
    if not headline:
        raise ParseError(
            f"Item {guid} has no headline, and neither a description nor text to name it by."
        )
    version = _get(document, "version")
    subjects = _get(document, "subject", "subjects") or []
    urgency = _get(document, "urgency")
    language = _get(document, "language")
    body = _body(document)
    lede = lede or first_paragraph(body)
    item = ParsedItem(
        guid=guid.strip(),
        version=max(whole_number(version) or 1, 1),
        format=FORMAT,
        item_class={"picture": "picture", "graphic": "picture", "composite": "package"}.get(
            item_type if isinstance(item_type, str) else "", "text"
        ),
        headline=headline,
        lede=lede,
        body_html=body,
        dateline_place=_text(_get(document, "located")),
        agency=_agency(document),
        byline=_text(_get(document, "by", "byline")),
        language=language if isinstance(language, str) else "",
        subjects=[
            s["name"] for s in subjects if isinstance(s, dict) and isinstance(s.get("name"), str)
        ],
        urgency=urgency if isinstance(urgency, int) and 1 <= urgency <= 9 else None,
        first_created=moment(_get(document, "firstcreated", "firstCreated")),
        version_created=moment(_get(document, "versioncreated", "versionCreated")),
        dateline_date=moment(
            _get(document, "contentcreated", "contentCreated", "firstcreated", "firstCreated")
        ),
        status=status_of(_get(document, "pubstatus", "pubStatus")),
        embargoed=moment(_get(document, "embargoed")),
        ed_note=_text(_get(document, "ednote", "edNote")),
        usage_terms=_text(_get(document, "usageterms", "usageTerms")),
    )
    if item.item_class == "picture":
        item.pictures = _pictures(document, caption=lede or headline)
    for association in _associations(document):
        if association.get("type") in ("picture", "graphic"):
            item.pictures += _pictures(
                association,
                caption=_text(_get(association, "description_text"))
                or _text(_role_value(_get(association, "descriptions"), "caption", "summary", ""))
                or _text(_get(association, "headline"))
                or _text(_role_value(_get(association, "headlines"), "main", "")),
            )
    return item


def _extensible(document: dict[str, Any], prefix: str) -> Any:
    """1.x's role-suffixed names (`headline_main`, `body_xhtml`): the first one present."""
    return next(
        (v for k, v in document.items() if k.startswith(prefix) and isinstance(v, str)), None
    )


def _body(document: dict[str, Any]) -> str:
    html = _get(document, "body_html", "body_xhtml", "body_main")
    if isinstance(html, str):
        return sanitize(html) if "<" in html else text_to_html(html)
    bodies = _get(document, "bodies")
    if isinstance(bodies, list):
        entries = [b for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
        for entry in entries:
            if "html" in str(entry.get("contenttype") or entry.get("contentType") or ""):
                return sanitize(entry["value"])
        if entries:
            return text_to_html(entries[0]["value"])
    text = _get(document, "body_text")
    return text_to_html(text) if isinstance(text, str) else ""


def _agency(document: dict[str, Any]) -> str:
    sources = _get(document, "infosources", "infoSources")
    if isinstance(sources, list):
        for source in sources:
            if isinstance(source, dict) and isinstance(source.get("name"), str):
                return source["name"]
    holder = _get(document, "copyrightholder", "copyrightHolder")
    return holder if isinstance(holder, str) else ""


def _associations(document: dict[str, Any]) -> list[dict[str, Any]]:
    associations = _get(document, "associations")
    if isinstance(associations, dict):  # 1.x: name → object
        return [a for a in associations.values() if isinstance(a, dict)]
    if isinstance(associations, list):
        return [a for a in associations if isinstance(a, dict)]
    return []


def _pictures(document: dict[str, Any], *, caption: str) -> list[Picture]:
    renditions = _get(document, "renditions")
    if isinstance(renditions, dict):  # 1.x: name → rendition
        renditions = [{"name": name, **r} for name, r in renditions.items() if isinstance(r, dict)]
    if not isinstance(renditions, list):
        return []
    credit = _text(_get(document, "copyrightnotice", "copyrightNotice")) or _agency(document)
    creator = _text(_get(document, "by"))
    pictures = []
    for rendition in renditions:
        if not isinstance(rendition, dict) or not isinstance(rendition.get("href"), str):
            continue
        pictures.append(
            Picture(
                href=rendition["href"],
                caption=caption,
                credit=credit,
                creator=creator,
                rendition=str(rendition.get("name") or ""),
                content_type=str(
                    rendition.get("mimetype")
                    or rendition.get("contenttype")
                    or rendition.get("contentType")
                    or ""
                ),
                width=rendition.get("width") if isinstance(rendition.get("width"), int) else None,
                height=rendition.get("height")
                if isinstance(rendition.get("height"), int)
                else None,
            )
        )
    return pictures
