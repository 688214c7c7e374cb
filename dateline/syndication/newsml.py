"""An article (or the notice it was withdrawn) as an IPTC NewsML-G2 2.35 news item, for the
clients whose systems take NewsML-G2: metadata in `itemMeta` and `contentMeta`, the text as
XHTML in `inlineXML`; its photos as picture items with their renditions, packaged with the
story in a news message. Valid against the XSD."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import lxml.html
from django.utils import timezone
from lxml import etree

from dateline.mediabank.credits import photo_credit, photo_rights_holder
from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage, ArticleWithdrawal, EditionHomePage
from dateline.syndication import articles
from dateline.syndication.ninjs import PICTURE_RENDITIONS, article_uri, body_html

G2 = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Our rendition names (as in ninjs) as IPTC's Rendition NewsCodes.
RENDITIONS = {"large": "rnd:web", "thumbnail": "rnd:thumbnail"}
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"


def article_newsml(
    article: ArticlePage,
    *,
    absolute: Callable[[str], str],
    version: str,
    embargo: datetime | None = None,
) -> bytes:
    """One published (or embargoed) article as a NewsML-G2 news item; an article with photos
    as a news message holding the story, each photo as a picture item with its renditions,
    and the package that binds them (the story first, its photos in reading order)."""
    text = _text_item(article, absolute=absolute, version=version, embargo=embargo)
    photos = articles.pictures(article)
    if not photos:
        return _document(text)
    pictures = [
        _picture_item(photo, caption, absolute=absolute, locale_id=article.locale_id)
        for photo, caption in photos
    ]
    message = etree.Element(f"{{{G2}}}newsMessage", nsmap={None: G2})
    _add(_add(message, "header"), "sent", _iso(timezone.now()))
    item_set = _add(message, "itemSet")
    package = _package_item(article, version=version, embargo=embargo, items=[text, *pictures])
    item_set.extend([package, text, *pictures])
    return _document(message)


def _text_item(
    article: ArticlePage,
    *,
    absolute: Callable[[str], str],
    version: str,
    embargo: datetime | None,
) -> etree._Element:
    item, item_meta = _item(article_uri(article.pk), version, article.locale_id)
    _item_times(article, item_meta, embargo)
    latest = max(article.corrections.all(), key=lambda c: c.corrected_at, default=None)
    if latest is not None:
        _add(item_meta, "edNote", latest.text)
    url = absolute(article.url)
    _add(item_meta, "link", rel="irel:seeAlso", href=url, contenttype="text/html")
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
    return item


def _item_times(article: ArticlePage, item_meta: etree._Element, embargo: datetime | None) -> None:
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


def _picture_item(
    photo: Photo, caption: str, *, absolute: Callable[[str], str], locale_id: int
) -> etree._Element:
    """A photo as a picture item: its credit and rights, and each rendition we send."""
    item, item_meta = _item(
        f"urn:dateline:photo:{photo.pk}", "1", locale_id, item_class="ninat:picture"
    )
    rights = item.find(f"{{{G2}}}rightsInfo")
    holder = rights.find(f"{{{G2}}}copyrightHolder/{{{G2}}}name")
    holder.text = photo_rights_holder(photo) or holder.text
    if photo.copyright_notice:
        _add(rights, "copyrightNotice", photo.copyright_notice)
    if photo.usage_terms:
        _add(rights, "usageTerms", photo.usage_terms)
    item_meta.insert(2, _element("versionCreated", _iso(photo.created_at)))
    item_meta.insert(3, _element("pubStatus", qcode="stat:usable"))
    meta = _add(item, "contentMeta")
    created = photo.date_created or photo.date_created_day
    if created:
        _add(meta, "contentCreated", _iso(created))
    if photo.place:
        _add(_add(meta, "located"), "name", photo.place)
    if photo.creator:
        _add(_add(meta, "creator"), "name", photo.creator)
    _add(meta, "headline", photo.headline or photo.title)
    credit = photo_credit(photo)
    if credit:
        _add(meta, "creditline", credit)
    if caption:
        _add(meta, "description", caption, role="drol:caption")
    content_set = _add(item, "contentSet")
    for name, spec in PICTURE_RENDITIONS.items():
        image = articles.rendition_facts(photo.get_rendition(spec))
        _add(
            content_set,
            "remoteContent",
            rendition=RENDITIONS[name],
            href=absolute(image.url),
            contenttype=image.mime_type,
            width=str(image.width),
            height=str(image.height),
            size=str(image.size),
        )
    return item


def _package_item(
    article: ArticlePage, *, version: str, embargo: datetime | None, items: list[etree._Element]
) -> etree._Element:
    """The package of the story and its pictures: one group, the story first."""
    package, item_meta = _item(
        f"{article_uri(article.pk)}:package",
        version,
        article.locale_id,
        tag="packageItem",
        item_class="ninat:composite",
    )
    _item_times(article, item_meta, embargo)
    meta = _add(package, "contentMeta")
    _add(meta, "language", tag=article.locale.language_code)
    _add(meta, "headline", article.title)
    group_set = _add(package, "groupSet", root="main")
    group = _add(group_set, "group", id="main", role="group:main")
    for item in items:
        item_class = item.find(f"{{{G2}}}itemMeta/{{{G2}}}itemClass").get("qcode")
        reference = _add(group, "itemRef", residref=item.get("guid"), version=item.get("version"))
        _add(reference, "itemClass", qcode=item_class)
        _add(reference, "title", item.findtext(f"{{{G2}}}contentMeta/{{{G2}}}headline"))
    return package


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


def _item(
    guid: str,
    version: str,
    locale_id: int,
    *,
    tag: str = "newsItem",
    item_class: str = "ninat:text",
) -> tuple[etree._Element, etree._Element]:
    """The item with its catalogue, rights and the item metadata every version carries: the
    edition's brand is the provider and the copyright holder."""
    edition = EditionHomePage.objects.select_related("locale").get(locale_id=locale_id)
    language, brand = edition.locale.language_code, edition.brand_name
    item = etree.Element(
        f"{{{G2}}}{tag}",
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
    _add(item_meta, "itemClass", qcode=item_class)
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


def _element(name: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.Element(f"{{{G2}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{G2}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _document(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _iso(moment: date | None) -> str:
    if isinstance(moment, datetime):
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat() if moment else ""
