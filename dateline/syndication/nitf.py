"""An article (or the notice it was withdrawn) as an IPTC NITF 3.6 document, for clients whose
systems take NITF: the document data in `docdata`, the headline, byline, dateline and
abstract in `body.head`, the paragraphs in `body.content`. Valid against the 3.6 XSD."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import lxml.html
from lxml import etree

from dateline.newsroom.models import ArticlePage, ArticleWithdrawal, EditionHomePage
from dateline.syndication import articles
from dateline.syndication.ninjs import article_uri, body_html

NITF = "http://iptc.org/std/NITF/2006-10-18/"
# Our body's blocks to NITF's: headings are NITF's hl2, quotes its bq.
BLOCKS = {"p": "p", "h2": "hl2", "h3": "hl2", "h4": "hl2", "ul": "ul", "ol": "ol"}


def article_nitf(
    article: ArticlePage,
    *,
    absolute: Callable[[str], str],
    version: str,
    embargo: datetime | None = None,
) -> bytes:
    root, docdata = _document(
        article.title, article.pk, article.locale_id, version, status="usable"
    )
    if embargo is not None:
        _add(docdata, "date.release", norm=_norm(embargo))
    latest = max(article.corrections.all(), key=lambda c: c.corrected_at, default=None)
    if latest is not None:
        _add(docdata, "ed-msg", info=latest.text, **{"msg-type": "correction"})
    pubdata = etree.Element(f"{{{NITF}}}pubdata", type="web", **{"ex-ref": absolute(article.url)})
    docdata.addnext(pubdata)  # NITF's order in the head: docdata, then pubdata
    body = _add(root, "body")
    body_head = _add(body, "body.head")
    _add(_add(body_head, "hedline"), "hl1", article.title)
    names = articles.author_names(article)
    if names:
        _add(body_head, "byline", "By " + ", ".join(names))
    if article.dateline_place:
        _add(_add(body_head, "dateline"), "location", article.dateline_place)
    if article.lede:
        _add(_add(body_head, "abstract"), "p", article.lede)
    content = _add(body, "body.content")
    html = body_html(article, absolute=absolute)
    for fragment in lxml.html.fragments_fromstring(html) if html else []:
        if isinstance(fragment, str) or fragment.tag not in BLOCKS:
            continue  # figures and embeds: the photo is the client's to take from the bank
        block = _add(content, BLOCKS[fragment.tag])
        if fragment.tag in ("ul", "ol"):
            for item in fragment.iter("li"):
                _add(block, "li", " ".join(item.text_content().split()))
        else:
            block.text = " ".join(fragment.text_content().split())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def withdrawal_nitf(withdrawal: ArticleWithdrawal) -> bytes:
    """The notice an article was taken back: its doc-id, `management-status` canceled (or
    withheld), the reason as a message to editors."""
    root, docdata = _document(
        withdrawal.title,
        withdrawal.article_ref,
        withdrawal.locale_id,
        withdrawal.version,
        status=withdrawal.status,
    )
    if withdrawal.note:
        _add(docdata, "ed-msg", info=withdrawal.note, **{"msg-type": "advisory"})
    body = _add(root, "body")
    _add(_add(_add(body, "body.head"), "hedline"), "hl1", withdrawal.title)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _document(
    title: str, article_id: int, locale_id: int, version: str, *, status: str
) -> tuple[etree._Element, etree._Element]:
    edition = EditionHomePage.objects.select_related("locale").get(locale_id=locale_id)
    now = datetime.now(UTC)
    root = etree.Element(
        f"{{{NITF}}}nitf",
        nsmap={None: NITF},
        version="-//IPTC//DTD NITF 3.6//EN",
        baselang=edition.locale.language_code,
    )
    head = _add(root, "head")
    _add(head, "title", title)
    docdata = _add(head, "docdata", **{"management-status": status})
    _add(docdata, "doc-id", **{"id-string": article_uri(article_id)})
    _add(docdata, "date.issue", norm=_norm(now))
    _add(docdata, "du-key", key=article_uri(article_id), version=version.split("-")[0] or "1")
    _add(docdata, "doc.copyright", holder=edition.brand_name)
    return root, docdata


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str):
    element = etree.SubElement(parent, f"{{{NITF}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _norm(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
