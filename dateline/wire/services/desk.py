"""The desk: a wire item turned into a draft article of the newsroom (its pictures into
the media bank with their credits), or published at once for a source that auto-publishes."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Comment

from dateline.core.errors import Refused
from dateline.mediabank.models import Photo
from dateline.mediabank.services import PhotoRejected, photo_credits_fill, photo_import
from dateline.newsroom.models import Agency, ArticlePage, SectionPage
from dateline.newsroom.services import (
    article_draft_create,
    article_publish,
    article_withdraw,
    system_user,
)
from dateline.newsroom.urgency import urgency_for_article
from dateline.wire.models import WireItem
from dateline.wire.services.fetch import url_fetch

BLOCK = re.compile(r"<(p|h2|h3|h4|ul|ol|blockquote|pre|table)>.*?</\1>", re.S)
CELL = re.compile(r"<(th|td)[^>]*>(.*?)</\1>", re.S)


@transaction.atomic
def article_from_item(
    *,
    item: WireItem,
    section: SectionPage,
    user: User | None = None,
    publish: bool = False,
) -> ArticlePage:
    """A draft article in `section` from a wire item: headline, lede, dateline, agency and
    body mapped, its pictures imported into the media bank with their credits."""
    locked = WireItem.objects.select_for_update().get(pk=item.pk)  # one article per item
    if locked.article_id and ArticlePage.objects.filter(pk=locked.article_id).exists():
        raise Refused(_("An article was already made from this item."), code="used", status=409)
    if publish:  # the source's auto-publish: the wire desk's own account does it all
        user = system_user(name="wire", label="Wire desk")
    photos: list[Photo] = []
    for picture in _pictures_to_import(item):
        content = _picture_bytes(picture)
        if content is None:
            continue
        name = Path(picture.get("stored") or urlsplit(picture["href"]).path).name or "wire.jpg"
        try:
            imported = photo_import(content=content, filename=name, user=user)
        except PhotoRejected:
            continue
        photo_credits_fill(
            photo=imported.photo,
            credits={
                "caption": picture.get("caption", ""),
                "creator": picture.get("creator", ""),
                "credit_line": picture.get("credit", ""),
                "copyright_notice": picture.get("copyright_notice", ""),
            },
        )
        photos.append(imported.photo)
    agency = _agency_for(item, section)
    fields: dict[str, Any] = {
        "title": item.headline[:255],
        "lede": (item.lede or item.headline)[:1000],
        "dateline_place": item.dateline_place[:100],
        "agency": agency,
        "lead_photo": photos[0] if photos else None,
        "body": _body_blocks(item.body_html),
        "urgency": urgency_for_article(item.urgency),
    }
    if item.embargoed_until is not None and item.embargoed_until > timezone.now():
        # Not public before the agency's embargo: the article waits for it however it is
        # published (ArticlePage.with_content_json).
        fields["embargoed_until"] = item.embargoed_until
    article = article_draft_create(section=section, fields=fields, user=user, topics=item.subjects)
    if publish:
        article_publish(article=article, user=user)
    WireItem.objects.filter(pk=item.pk).update(article=article, article_outdated=False)
    item.article, item.article_outdated = article, False
    return article


def _pictures_to_import(item: WireItem) -> list[dict[str, Any]]:
    """A picture item's renditions are one photo: its largest. Other items' pictures are
    each a photo of their own."""
    if item.item_class == "picture" and item.pictures:
        return [max(item.pictures, key=lambda p: (bool(p.get("stored")), p.get("width") or 0))]
    return item.pictures


def _picture_bytes(picture: dict[str, Any]) -> bytes | None:
    """The picture's file: copied from the drop folder at ingest, or fetched now from a
    public address (at most DATELINE_WIRE_MAX_BYTES, an image, within 20 seconds)."""
    if picture.get("stored"):
        try:
            with default_storage.open(picture["stored"]) as handle:
                return handle.read()
        except OSError:
            return None
    href = picture.get("href", "")
    if not href.startswith(("http://", "https://")):
        return None
    try:
        return url_fetch(url=href, image=True)
    except (Refused, httpx.HTTPError, httpx.InvalidURL):
        return None


def _agency_for(item: WireItem, section: SectionPage) -> Agency | None:
    agency = item.source.agency
    if agency is not None:
        return agency.get_translation_or_none(section.locale) or agency
    if not item.agency_name:
        return None
    return (
        Agency.objects.filter(locale_id=section.locale_id)
        .filter(Q(name__iexact=item.agency_name) | Q(short_name__iexact=item.agency_name))
        .first()
    )


def _body_blocks(body_html: str) -> list[dict[str, Any]]:
    """The sanitised body as blocks, one per block element: paragraphs, and the agency's
    tables and preformatted text as tables and preformatted text."""
    found: list[dict[str, Any]] = []
    for match in BLOCK.finditer(body_html):
        if match.group(1) == "pre":
            found.append({"type": "preformatted", "value": html.unescape(match.group(0)[5:-6])})
        elif match.group(1) == "table":
            found.append({"type": "table", "value": _table_value(match.group(0))})
        else:
            found.append({"type": "paragraph", "value": match.group(0)})
    return found


def _table_value(table_html: str) -> dict[str, Any]:
    rows = [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)) for _tag, cell in CELL.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table_html, re.S)
    ]
    caption = re.search(r"<caption>(.*?)</caption>", table_html, re.S)
    return {
        "data": rows,
        "first_row_is_table_header": "<th" in table_html.partition("</tr>")[0],
        "first_col_is_header": False,
        "table_caption": html.unescape(caption.group(1)) if caption else "",
    }


def item_withdrawn(*, item: WireItem) -> None:
    """The agency killed or withheld the item an article was made from: its editors are
    told (a comment on the article, in the editor they work in, with the agency's note),
    and the article is unpublished if the wire desk published it without an editor."""
    article = ArticlePage.objects.filter(pk=item.article_id).first()
    if article is None:
        return
    desk = system_user(name="wire", label="Wire desk")
    notes = {
        "canceled": _("Killed by the agency (%(source)s, version %(version)s)."),
        "withheld": _("Withheld by the agency (%(source)s, version %(version)s): do not use."),
    }
    note = notes[item.status] % {"source": item.source.name, "version": item.version}
    if item.ed_note:
        note = f"{note} {item.ed_note}"
    Comment.objects.create(page=article, user=desk, text=note[:2000], contentpath="title")
    published_by_desk = article.owner_id == desk.pk or item.source.auto_publish
    if article.live and published_by_desk:  # partners who had it are told, too
        article_withdraw(article=article, status=item.status, note=item.ed_note or note)
