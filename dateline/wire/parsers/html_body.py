"""Agency markup (NITF, XHTML, feed HTML, plain text) to the body HTML Dateline keeps:
a small set of tags, sanitised by nh3, never anything that runs or fetches."""

from __future__ import annotations

import html
import re

import nh3
from lxml import etree

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "br",
    "pre",  # results, tables of figures set in type
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# NITF and XHTML block elements, by local name, to the tag kept for them.
_BLOCKS = {
    "p": "p",
    "hl2": "h2",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "bq": "blockquote",
    "blockquote": "blockquote",
    "li": "li",
    "ul": "ul",
    "ol": "ol",
}


def sanitize(markup: str) -> str:
    """Markup reduced to the allowed tags; links get rel="nofollow noopener"."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    ).strip()


def with_blocks(markup: str) -> str:
    """Sanitised markup whose text sits in block elements (feeds often send bare text)."""
    cleaned = sanitize(markup)
    if not cleaned or re.search(r"<(p|h[2-4]|ul|ol|blockquote)>", cleaned):
        return cleaned
    return paragraphs_html(
        re.split(r"\s*<br>\s*(?:<br>\s*)+|\n\s*\n", html.unescape(nh3.clean(cleaned, tags={"br"})))
    )


def plain_text(markup: str) -> str:
    """The text of a snippet that may carry markup (a feed title or summary)."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())


def text_to_html(text: str) -> str:
    """Plain text with blank lines between paragraphs."""
    return paragraphs_html([" ".join(block.split()) for block in text.split("\n\n")])


def xml_body_html(container: etree._Element | None) -> str:
    """The blocks of an NITF `body.content` or an XHTML `body`, as sanitised HTML: its
    paragraphs as the agency set them (lines broken by `<br/>` in one `<p>` are paragraphs
    too), text set straight in the body, tables and preformatted results; HTML sent
    escaped, as text, is read as the HTML it is."""
    if container is None:
        return ""
    if len(container) == 0 and _ESCAPED_HTML.search(container.text or ""):
        return with_blocks(container.text or "")
    parts: list[str] = []
    _blocks(container, parts)
    return sanitize("".join(parts))


# Pictures are read apart; notes, heads and the byline are not body text.
_NOT_BODY = {
    "media",
    "note",
    "fn",
    "nitf-table-metadata",
    "body.head",
    "body.end",
    "hedline",
    "byline",
    "dateline",
    "abstract",
    "distributor",
    "head",
    "title",
    "script",
    "style",
}
_ESCAPED_HTML = re.compile(r"<(p|br|div|h[1-6]|ul|ol|table)\b[^>]*>", re.IGNORECASE)


def _blocks(element: etree._Element, parts: list[str]) -> None:
    _loose_text(element.text, parts)
    for child in element:
        if isinstance(child.tag, str):
            _block(child, etree.QName(child).localname.lower(), parts)
        _loose_text(child.tail, parts)


def _block(child: etree._Element, name: str, parts: list[str]) -> None:
    tag = _BLOCKS.get(name)
    if tag in ("ul", "ol", "blockquote"):
        parts.append(f"<{tag}>")
        _blocks(child, parts)
        parts.append(f"</{tag}>")
    elif tag == "p":
        # One paragraph per line: agencies send a story as one <p> broken by <br/>.
        for line in _lines(child):
            parts.append(f"<p>{html.escape(line)}</p>")
    elif tag:
        text = " ".join("".join(child.itertext()).split())
        if text:
            parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
    elif name == "pre":
        text = "".join(child.itertext()).strip("\n")
        if text.strip():
            parts.append(f"<pre>{html.escape(text)}</pre>")
    elif name == "table":
        parts.append(_table(child))
    elif name in _NOT_BODY:
        return
    else:
        _blocks(child, parts)


def _loose_text(text: str | None, parts: list[str]) -> None:
    """Text set straight in the body or between its blocks: paragraphs by blank lines."""
    if text and text.strip():
        parts.append(paragraphs_html([" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]))


def _lines(paragraph: etree._Element) -> list[str]:
    lines, current = [], [paragraph.text or ""]
    for child in paragraph:
        if isinstance(child.tag, str) and etree.QName(child).localname.lower() == "br":
            lines.append("".join(current))
            current = [child.tail or ""]
        else:
            current += ["".join(child.itertext()), child.tail or ""]
    lines.append("".join(current))
    return [" ".join(line.split()) for line in lines if line.strip()]


def _table(table: etree._Element) -> str:
    rows = []
    for row in table.iter():
        if not isinstance(row.tag, str) or etree.QName(row).localname.lower() != "tr":
            continue
        cells = "".join(
            f"<{cell_tag}>{html.escape(' '.join(''.join(cell.itertext()).split()))}</{cell_tag}>"
            for cell in row
            if isinstance(cell.tag, str)
            and (cell_tag := etree.QName(cell).localname.lower()) in ("th", "td")
        )
        rows.append(f"<tr>{cells}</tr>")
    caption = table.find("{*}caption")
    head = (
        f"<caption>{html.escape(' '.join(''.join(caption.itertext()).split()))}</caption>"
        if caption is not None
        else ""
    )
    return f"<table>{head}<tbody>{''.join(rows)}</tbody></table>" if rows else ""


def first_paragraph(body_html: str, limit: int = 1000) -> str:
    """The text of a body's first paragraph that reads as one: the lede when the agency sent
    none. A slug line ("US-FED/RATES: …") or a label ("Extra", "Analysis") is no lede."""
    for paragraph in re.findall(r"<p>(.*?)</p>", body_html, flags=re.DOTALL):
        text = plain_text(paragraph)
        if text and not is_chrome(text):
            return text[:limit]
    return ""


def without_chrome(body_html: str) -> str:
    """The body without the agency's filing chrome before the story (slug lines, genre
    labels, lists of slugs), so that none of it becomes body text; a body that is all
    chrome is kept as sent."""
    rest = body_html
    while True:
        block = re.match(r"<(p|ul|ol)>(.*?)</\1>", rest, re.DOTALL)
        if block is None:
            break
        lines = (
            [block.group(2)]
            if block.group(1) == "p"
            else re.findall(r"<li>(.*?)</li>", block.group(2), re.DOTALL)
        )
        if not lines or not all(is_chrome(plain_text(line)) for line in lines):
            break
        rest = rest[block.end() :]
    return rest if rest.strip() else body_html


# An agency's slug line: capitals, digits and separators, then a colon ("SYRIA-CRISIS/TALKS:").
_SLUG = re.compile(r"^[A-Z0-9][A-Z0-9/_.&-]*(?:[ /][A-Z0-9][A-Z0-9/_.&-]*)*\s*:")


def is_chrome(text: str) -> bool:
    """A line of the copy that is the agency's filing chrome, not the story: a slug line,
    or a short label without a sentence's end (a genre, "Extra", "Urgent")."""
    if _SLUG.match(text):
        return True
    return len(text.split()) <= 3 and not re.search(r"[.!?…\"»”]$", text)


# "DAMASCUS (Reuters) -", "MOSCOW, Nov 2 (RIA Novosti) —", "NEW YORK, NY —"
_DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ.' -]*[A-ZА-ЯЁ](?:, [A-Z]{2}\b)?)\s*(?:,|\(|[-–—])"
)


def dateline_place(text: str) -> str:
    """The place a dateline in the copy names, in capitals as agencies write it ("DAMASCUS"
    in "DAMASCUS (Reuters) -"), title-cased; empty when the text opens with no dateline."""
    match = _DATELINE.match(text.strip())
    if not match or len(match["place"]) < 3:
        return ""
    return match["place"].title() if match["place"].isupper() else match["place"]


def first_sentence(text: str, limit: int = 120) -> str:
    """A text's first sentence, cut at a word within `limit` characters: a headline for
    copy sent without one."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip().lstrip("-–—•* "), maxsplit=1)[0]
    if not re.search(r"\w", sentence):
        return ""  # "...", "—": nothing to name a story by
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
