"""RSS 2.0 (with Media RSS and Dublin Core) and Atom 1.0 feeds of an edition, section,
topic or author, through Django's syndication framework."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page
from wagtail.models import Locale

from dateline.core.surrogate_keys import request_keys_add
from dateline.newsroom.models import ArticlePage, ArticleWithdrawal
from dateline.syndication import articles
from dateline.syndication.ninjs import article_uri
from dateline.syndication.selectors import FeedScope, feed_scope, withdrawals_recent
from dateline.syndication.websub import hub_url

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"


class MediaRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the lead photo as Media RSS (with its credit) and every byline in
    `dc:creator`, as news aggregators read them."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS, "xmlns:dc": DC_NS}

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        handler.addQuickElement("atom:link", None, {"rel": "hub", "href": hub_url()})

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for name in item["creators"][1:]:  # the framework writes the first as dc:creator
            handler.addQuickElement("dc:creator", name)
        image = item["image"]
        if image is None:
            return
        handler.startElement(
            "media:content",
            {
                "url": image["url"],
                "type": image["mime_type"],
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )
        if image["caption"]:
            handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
        if image["credit"]:
            handler.addQuickElement("media:credit", image["credit"], {"role": "photographer"})
        handler.endElement("media:content")


class LinkedImageAtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with the lead photo as an enclosure link and every byline as an author."""

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "hub", "href": hub_url()})

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for name in item["creators"][1:]:  # the first is the framework's own author element
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class ArticleFeed(Feed):
    """One instance per request (see `feed_view`): items need the request and the scope."""

    feed_type = MediaRssFeed

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_object(self, request: HttpRequest, kind: str = "edition", slug: str = "") -> FeedScope:
        scope = feed_scope(language_code=request.LANGUAGE_CODE, kind=kind, slug=slug)
        self.language = scope.edition.language_code  # the framework reads it as an attribute
        return scope

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        return scope.url

    def description(self, scope: FeedScope) -> str:
        return scope.description or scope.title

    def feed_url(self, scope: FeedScope) -> str:
        return self.request.path

    def items(self, scope: FeedScope) -> list[ArticlePage]:
        self.scope = scope
        return scope.articles()

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lede

    def item_link(self, item: ArticlePage) -> str:
        return item.url

    # Permanent, unlike the address (which follows the slug): the id the ninjs API gives.
    item_guid_is_permalink = False

    def item_guid(self, item: ArticlePage) -> str:
        return article_uri(item.id)

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        names = articles.author_names(item)
        return names[0] if names else None

    def item_categories(self, item: ArticlePage) -> list[str]:
        section = self.scope.edition.section_for(item)
        return [*([section.title] if section else []), *articles.topic_names(item)]

    def item_enclosures(self, item: ArticlePage) -> list[feedgenerator.Enclosure]:
        if self.feed_type is not LinkedImageAtomFeed:
            return []  # RSS carries the photo as media:content with its credit
        image = articles.lead_image(item)
        if image is None:
            return []
        url = self.request.build_absolute_uri(image.url)
        return [feedgenerator.Enclosure(url, str(image.size), image.mime_type)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict[str, Any]:
        image = articles.lead_image(item)
        return {
            "creators": articles.author_names(item),
            "image": None
            if image is None
            else {
                "url": self.request.build_absolute_uri(image.url),
                "mime_type": image.mime_type,
                "width": image.width,
                "height": image.height,
                "caption": image.caption,
                "credit": image.credit,
            },
        }


class AtomArticleFeed(ArticleFeed):
    feed_type = LinkedImageAtomFeed

    def subtitle(self, scope: FeedScope) -> str:
        return scope.description or scope.title


FORMATS = {"rss": ArticleFeed, "atom": AtomArticleFeed}
WITHDRAWAL_DAYS = 7  # how long a kill notice stays in the feed


class WithdrawalFeed(Feed):
    """Notices of the edition's articles killed or withheld after they went out, for the
    partners who republish from our feeds: take them down too."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_object(self, request: HttpRequest) -> Locale:
        locale = Locale.objects.get(language_code=request.LANGUAGE_CODE)
        self.language = locale.language_code
        return locale

    def title(self, locale: Locale) -> str:
        return _("Withdrawn articles")

    def link(self, locale: Locale) -> str:
        return self.request.path

    def description(self, locale: Locale) -> str:
        return _("Articles taken back after they were published: do not use them.")

    def items(self, locale: Locale) -> list[ArticleWithdrawal]:
        since = timezone.now() - timedelta(days=WITHDRAWAL_DAYS)
        return list(withdrawals_recent(since=since, locale_id=locale.pk)[:100])

    def item_title(self, item: ArticleWithdrawal) -> str:
        label = _("KILL") if item.status == "canceled" else _("WITHHELD")
        return f"{label}: {item.title}"

    def item_description(self, item: ArticleWithdrawal) -> str:
        text = _("Withdrawn: do not use this article; take it down where you published it.")
        return f"{text} {item.note}".strip()

    def item_link(self, item: ArticleWithdrawal) -> str:
        return item.url or self.request.path

    item_guid_is_permalink = False

    def item_guid(self, item: ArticleWithdrawal) -> str:
        return f"{article_uri(item.article_ref)}:{item.version}"

    def item_pubdate(self, item: ArticleWithdrawal) -> datetime:
        return item.withdrawn_at


@conditional_page
def withdrawal_feed_view(request: HttpRequest) -> Any:
    request_keys_add(request, [f"feeds-{request.LANGUAGE_CODE}"])
    return _with_hub(request, WithdrawalFeed(request)(request))


# Readers poll feeds: one that has not changed since they last asked is a 304 (Django's
# feed sets Last-Modified from its newest item; an ETag is added from the body).
@conditional_page
def feed_view(request: HttpRequest, fmt: str, kind: str = "edition", slug: str = "") -> Any:
    request_keys_add(request, [f"feeds-{request.LANGUAGE_CODE}"])
    return _with_hub(request, FORMATS[fmt](request)(request, kind=kind, slug=slug))


def _with_hub(request: HttpRequest, response: Any) -> Any:
    """WebSub's discovery: the hub and the feed's own address in a Link header too."""
    self_url = request.build_absolute_uri(request.path)
    response["Link"] = f'<{hub_url()}>; rel="hub", <{self_url}>; rel="self"'
    return response
