"""Published articles as IPTC ninjs documents: 2.2 by default, 3.1 on request.

The two versions carry the same facts; 3.x renamed the properties to camelCase, so the
3.1 document is the 2.2 one with its keys renamed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import nh3
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import escape, strip_tags
from wagtail.rich_text import expand_db_html

from dateline.mediabank.credits import photo_credit, photo_rights_holder
from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage, ArticleWithdrawal, LiveBlogEntry
from dateline.syndication import articles

VERSIONS = {"2": "2.2", "2.2": "2.2", "3": "3.1", "3.1": "3.1"}
DEFAULT_VERSION = "2.2"
SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json#"
# Rendition name → Wagtail filter spec. Originals are for licensed clients of the media bank.
PICTURE_RENDITIONS = {"large": articles.LEAD_SPEC, "thumbnail": articles.THUMBNAIL_SPEC}

# 2.x name → 3.x name, wherever the key appears.
_V3_KEYS = {
    "representationtype": "representationType",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "contentcreated": "contentCreated",
    "pubstatus": "pubStatus",
    "ednote": "edNote",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "usageterms": "usageTerms",
    "infosources": "infoSources",
    "altids": "altIds",
    "contenttype": "contentType",
    "charcount": "charCount",
    "wordcount": "wordCount",
    "sizeinbytes": "sizeInBytes",
}


# The body clients get: the article's HTML without our page's classes, data attributes,
# scripts or third-party frames; addresses made absolute.
BODY_TAGS = {
    *("p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "cite", "em", "strong", "b", "i"),
    *("a", "br", "figure", "figcaption", "img", "aside"),
}
BODY_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}}


def body_html(article: ArticlePage, *, absolute: Callable[[str], str]) -> str:
    """The article's body as clean HTML for partners (each block in its own markup only)."""

    def absolute_addresses(tag: str, attribute: str, value: str) -> str:
        return absolute(value) if attribute in ("href", "src") and value.startswith("/") else value

    markup = "".join(str(block.render()) for block in article.body)
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        attribute_filter=absolute_addresses,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()


class UnknownVersion(ValueError):
    pass


def ninjs_version(asked: str | None) -> str:
    """The ninjs version to answer in: "2", "2.2", "3" or "3.1"; anything else is refused."""
    if not asked:
        return DEFAULT_VERSION
    version = VERSIONS.get(asked.strip())
    if version is None:
        raise UnknownVersion(asked)
    return version


def article_uri(article_id: int) -> str:
    return f"urn:dateline:article:{article_id}"


def article_ninjs(
    article: ArticlePage, *, absolute: Callable[[str], str], version: str = DEFAULT_VERSION
) -> dict[str, Any]:
    """One published article (from `syndicated_articles`) as a ninjs document."""
    body = body_html(article, absolute=absolute) if article.body else ""
    text = re.sub(r"\s+", " ", strip_tags(body)).strip()
    authors = articles.author_names(article)
    url = absolute(article.url)
    document: dict[str, Any] = {
        "uri": article_uri(article.id),
        "type": "text",
        "representationtype": "full",
        "profile": "dateline-article",
        "version": str(article.live_revision_id or 1),
        "firstcreated": _iso(article.first_published_at),
        "versioncreated": _iso(article.last_published_at or article.first_published_at),
        "pubstatus": "usable",
        "urgency": article.urgency,
        "language": article.locale.language_code,
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": article.lede}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(text),
                "wordcount": len(text.split()),
                "value": body,
            }
        ],
        "subjects": [
            {"name": tag.name, "literal": tag.slug, "rel": "about"} for tag in article.topics.all()
        ],
        "renditions": [{"name": "web", "href": url, "contenttype": "text/html"}],
        "altids": [{"role": "url", "value": url}, {"role": "id", "value": str(article.id)}],
        "standard": {
            "name": "ninjs",
            "version": version,
            "schema": SCHEMA_URI.format(version=version),
        },
    }
    if authors:
        document["by"] = ", ".join(authors)
    latest = max(article.corrections.all(), key=lambda c: c.corrected_at, default=None)
    if latest is not None:  # a correction tells clients what was corrected
        document["ednote"] = latest.text
    if article.dateline_place:
        document["located"] = article.dateline_place
    if article.agency:
        document["infosources"] = [{"name": article.agency.name, "role": "originator"}]
    associations = []
    if article.lead_photo:
        caption = article.lead_photo_caption or article.lead_photo.caption
        associations.append(
            {"name": "featureimage", **_picture(article.lead_photo, caption, absolute)}
        )
    entries = live_blog_entries(article)
    if entries is not None:  # a live blog: its entries, the latest first
        document["profile"] = "dateline-liveblog"
        associations += [_entry(entry, absolute) for entry in entries]
    if associations:
        document["associations"] = associations
    return _in_version(document, version)


def live_blog_entries(article: ArticlePage) -> list[LiveBlogEntry] | None:
    """A live blog's entries (prefetched by `with_live_blog_entries`, else read), or None
    for an article."""
    try:
        blog = article.liveblogpage  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None
    return sorted(blog.entries.all(), key=lambda e: (e.posted_at, e.pk), reverse=True)


def _entry(entry: LiveBlogEntry, absolute: Callable[[str], str]) -> dict[str, Any]:
    parts = [expand_db_html(entry.text)] if entry.text else []
    if entry.quote:
        parts.append(f"<blockquote><p>{escape(entry.quote)}</p>{_by(entry.quote_by)}</blockquote>")
    if entry.card_text:
        who = " ".join(part for part in (entry.card_author, entry.card_handle) if part)
        parts.append(f"<blockquote><p>{escape(entry.card_text)}</p>{_by(who)}</blockquote>")
    body = nh3.clean("".join(parts), tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, link_rel=None)
    document: dict[str, Any] = {
        "name": f"entry-{entry.pk}",
        "uri": f"urn:dateline:liveblog-entry:{entry.pk}",
        "type": "text",
        "representationtype": "full",
        "firstcreated": _iso(entry.posted_at),
        "versioncreated": _iso(entry.updated_at),
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
    }
    if entry.title:
        document["headlines"] = [{"role": "main", "value": entry.title}]
    if entry.byline:
        document["by"] = entry.byline
    if entry.correction:
        document["ednote"] = entry.correction
    if entry.photo:
        document["associations"] = [
            {
                "name": "image",
                **_picture(entry.photo, entry.photo_caption or entry.photo.caption, absolute),
            }
        ]
    return document


def _by(name: str) -> str:
    return f"<p>— {escape(name)}</p>" if name else ""


def embargoed(document: dict[str, Any], *, until: Any, written: Any) -> dict[str, Any]:
    """A document sent before its embargo: marked `embargoed` (clients may not publish it
    before), with the times of the version written when it has never been published."""
    document = {**document, "embargoed": _iso(until)}
    for key in ("firstcreated", "versioncreated", "firstCreated", "versionCreated"):
        if key in document and not document[key]:
            document[key] = _iso(written)
    return document


def withdrawal_ninjs(withdrawal: ArticleWithdrawal, *, version: str = DEFAULT_VERSION) -> dict:
    """The notice clients get for an article taken back: its id and headline, marked
    canceled (killed) or withheld, with the reason; nothing of its text."""
    document: dict[str, Any] = {
        "uri": article_uri(withdrawal.article_ref),
        "type": "text",
        "representationtype": "partial",
        "profile": "dateline-withdrawal",
        "version": withdrawal.version,
        "versioncreated": _iso(withdrawal.withdrawn_at),
        "pubstatus": withdrawal.status,
        "language": withdrawal.language,
        "headlines": [{"role": "main", "value": withdrawal.title}],
        "altids": [{"role": "id", "value": str(withdrawal.article_ref)}],
        "standard": {
            "name": "ninjs",
            "version": version,
            "schema": SCHEMA_URI.format(version=version),
        },
    }
    if withdrawal.note:
        document["ednote"] = withdrawal.note
    return _in_version(document, version)


def _picture(photo: Photo, caption: str, absolute: Callable[[str], str]) -> dict[str, Any]:
    picture: dict[str, Any] = {
        "uri": f"urn:dateline:photo:{photo.id}",
        "type": "picture",
        "headlines": [{"value": photo.headline or photo.title}],
        "renditions": [
            _rendition(name, photo.get_rendition(spec), absolute)
            for name, spec in PICTURE_RENDITIONS.items()
        ],
    }
    if caption:
        picture["descriptions"] = [
            {"role": "caption", "contenttype": "text/plain", "value": caption}
        ]
    credit = photo_credit(photo)
    if photo.creator:
        picture["by"] = photo.creator
    holder = photo_rights_holder(photo)
    if holder:
        picture["copyrightholder"] = holder
    if photo.copyright_notice or credit:
        picture["copyrightnotice"] = photo.copyright_notice or credit
    if photo.usage_terms:
        picture["usageterms"] = photo.usage_terms
    if photo.date_created:  # ninjs wants a time: a photo known only by its day has none here
        picture["contentcreated"] = _iso(photo.date_created)
    if photo.place:
        picture["located"] = photo.place
    if photo.credit_line or photo.source:
        picture["infosources"] = [{"name": photo.credit_line or photo.source, "role": "credit"}]
    return picture


def _rendition(name: str, rendition: Any, absolute: Callable[[str], str]) -> dict[str, Any]:
    image = articles.rendition_facts(rendition)
    return {
        "name": name,
        "href": absolute(image.url),
        "contenttype": image.mime_type,
        "width": image.width,
        "height": image.height,
        "sizeinbytes": image.size,
    }


def _in_version(document: Any, version: str) -> Any:
    if version.startswith("2"):
        return document
    if isinstance(document, dict):
        return {
            _V3_KEYS.get(key, key): _in_version(value, version) for key, value in document.items()
        }
    if isinstance(document, list):
        return [_in_version(value, version) for value in document]
    return document


def _iso(moment: Any) -> str:
    return moment.replace(microsecond=0).isoformat() if moment else ""
