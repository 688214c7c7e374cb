"""An article (or the notice it was withdrawn) as an IPTC NewsML-G2 2.35 news item, for the
clients whose systems take NewsML-G2: metadata in `itemMeta` and `contentMeta`, the text as
XHTML in `inlineXML`, the lead photo as a link with its renditions. Valid against the XSD."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree

from dateline.newsroom.models import ArticlePage, ArticleWithdrawal, EditionHomePage
from dateline.syndication import articles
from dateline.syndication.ninjs import article_uri, body_html

G2 = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"


def article_newsml(
    article: ArticlePage,
    *,
    absolute: Callable[[str], str],
    version: str,
    embargo: datetime | None = None,
) -> bytes:
    """One published (or embargoed) article as a NewsML-G2 news item."""
    item, item_meta = _item(article_uri(article.pk), version, article.locale_id)
    _add(
        item_meta,
        "versionCreated",
        _iso(article.last_published_at or article.latest_revision_created_at),
    )
    if article.first_published_at:
        _add(item_meta, "firstCreated", _iso(article.first_published_at))
    if embargo is not None:
        _add(item_meta, "embargoed", _iso(embargo))
    _add(item_meta, "pubStatus", qcode="stat:usable")
    latest = max(article.corrections.all(), key=lambda c: c.corrected_at, default=None)
    if latest is not None:
        _add(item_meta, "edNote", latest.text)
    url = absolute(article.url)
    _add(item_meta, "link", rel="irel:seeAlso", href=url, contenttype="text/html")
    image = articles.lead_image(article)
    if image is not None:
        _add(
            item_meta,
            "link",
            rel="irel:seeAlso",
            href=absolute(image.url),
            contenttype=image.mime_type,
        )
    meta = _add(item, "contentMeta")
    _add(meta, "urgency", str(article.urgency))
    if article.dateline_place:
        located = _add(meta, "located")
        _add(located, "name", article.dateline_place)
    if article.agency:
        info = _add(meta, "infoSource", role="infosrc:originator")
        _add(info, "name", article.agency.name)
    for name in articles.author_names(article):
        creator = _add(meta, "creator")
        _add(creator, "name", name)
    _add(meta, "language", tag=article.locale.language_code)
    for tag in article.topics.all():
        subject = _add(meta, "subject", literal=tag.slug)
        _add(subject, "name", tag.name)
    _add(meta, "headline", article.title)
    if article.lede:
        _add(meta, "description", article.lede, role="drol:summary")
    content = _add(_add(item, "contentSet"), "inlineXML", contenttype="application/xhtml+xml")
    content.append(_xhtml(article.title, body_html(article, absolute=absolute)))
    return _document(item)


def withdrawal_newsml(withdrawal: ArticleWithdrawal) -> bytes:
    """The notice that an article was taken back: the same guid, a newer version, its
    publication status canceled (or withheld), the reason as a note to editors."""
    item, item_meta = _item(
        article_uri(withdrawal.article_ref), withdrawal.version, withdrawal.locale_id
    )
    _add(item_meta, "versionCreated", _iso(withdrawal.withdrawn_at))
    _add(item_meta, "pubStatus", qcode=f"stat:{withdrawal.status}")
    if withdrawal.note:
        _add(item_meta, "edNote", withdrawal.note)
    meta = _add(item, "contentMeta")
    _add(meta, "headline", withdrawal.title)
    return _document(item)


def _item(guid: str, version: str, locale_id: int) -> tuple[etree._Element, etree._Element]:
    """The item with its catalogue, rights and the item metadata every version carries: the
    edition's brand is the provider and the copyright holder."""
    edition = EditionHomePage.objects.select_related("locale").get(locale_id=locale_id)
    language, brand = edition.locale.language_code, edition.brand_name
    item = etree.Element(
        f"{{{G2}}}newsItem",
        nsmap={None: G2},
        guid=guid,
        version=str(_version_number(version)),
        standard="NewsML-G2",
        standardversion="2.35",
        conformance="power",
    )
    item.set(XML_LANG, language)
    _add(item, "catalogRef", href=CATALOG)
    rights = _add(item, "rightsInfo")
    holder = _add(rights, "copyrightHolder")
    _add(holder, "name", brand)
    item_meta = _add(item, "itemMeta")
    _add(item_meta, "itemClass", qcode="ninat:text")
    provider = _add(item_meta, "provider")
    _add(provider, "name", brand)
    return item, item_meta


def _version_number(version: str) -> int:
    """NewsML-G2's version is a positive integer: ours start with the revision's number."""
    digits = "".join(ch for ch in version.split("-")[0] if ch.isdigit())
    number = int(digits or 1)
    return number + 1 if "-" in version else number  # a withdrawal comes after its article


def _xhtml(title: str, body: str) -> etree._Element:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    container = etree.SubElement(html, f"{{{XHTML}}}body")
    if body:
        for fragment in lxml.html.fragments_fromstring(body):
            if isinstance(fragment, str):
                continue
            container.append(_in_xhtml(fragment))
    return html


def _in_xhtml(element: Any) -> etree._Element:
    """An HTML element (and its children) in the XHTML namespace."""
    copy = etree.Element(f"{{{XHTML}}}{element.tag}", dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_in_xhtml(child))
    return copy


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{G2}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _document(item: etree._Element) -> bytes:
    return etree.tostring(item, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _iso(moment: datetime | None) -> str:
    return moment.replace(microsecond=0).isoformat() if moment else ""
