"""Sitemaps for search engines through Django's sitemap framework: every public page with
its translations (`hreflang`) and lead photo, split at 50,000 URLs, and a Google News
sitemap of the last two days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.utils import timezone
from wagtail.models import Page

from dateline.newsroom.models import ArticlePage, EditionHomePage, SectionPage
from dateline.newsroom.selectors import edition_chrome
from dateline.syndication import articles
from dateline.syndication.selectors import page_translations, syndicated_articles

NEWS_DAYS = 2
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per news sitemap


class TranslatedPagesSitemap(Sitemap):
    """Pages with their other-language versions as `xhtml:link` alternates."""

    limit = 50_000  # the protocol's maximum per file; more go to ?p=2, listed in the index

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        translations = page_translations(pages=[url["item"] for url in urls])
        for url in urls:
            item = url["item"]
            versions = translations.get(item.translation_key, [])
            if len(versions) > 1:
                url["alternates"] = [
                    {"lang_code": language, "location": f"{origin}{path}"}
                    for language, path in versions
                ]
            url["origin"] = origin
            url["modified"] = w3c_datetime(url["lastmod"])
        return urls

    def location(self, item: Page) -> str:
        return item.url

    def lastmod(self, item: Page):
        return item.last_published_at

    def get_latest_lastmod(self):
        """The newest change listed: the index's <lastmod> and its Last-Modified (so that a
        crawler asking again gets a 304 until something is published)."""
        items = self.items()
        if items.query.is_sliced:  # the news sitemap: at most NEWS_LIMIT rows
            return max(items.values_list("last_published_at", flat=True), default=None)
        return items.order_by().aggregate(latest=Max("last_published_at"))["latest"]


class EditionPagesSitemap(TranslatedPagesSitemap):
    """Edition home pages and sections."""

    changefreq = "hourly"

    def items(self) -> QuerySet[Page]:
        homes = EditionHomePage.objects.live().public().values_list("id", flat=True)
        sections = SectionPage.objects.live().public().values_list("id", flat=True)
        return (
            Page.objects.filter(id__in=[*homes, *sections])
            .select_related("locale")
            .order_by("path")
        )


class ArticlesSitemap(TranslatedPagesSitemap):
    """Every published article, with its lead photo as an image entry."""

    def items(self) -> QuerySet[ArticlePage]:
        return syndicated_articles().order_by("id")

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            image = articles.lead_image(url["item"])
            url["image"] = (
                None
                if image is None
                else {
                    "loc": f"{url['origin']}{image.url}",
                    "caption": image.caption,
                    "credit": image.credit,
                }
            )
        return urls


class NewsSitemap(ArticlesSitemap):
    """Google News: articles published in the last two days, newest first."""

    limit = NEWS_LIMIT

    def items(self) -> QuerySet[ArticlePage]:
        since = timezone.now() - timedelta(days=NEWS_DAYS)
        return (
            syndicated_articles()
            .filter(first_published_at__gte=since)
            .order_by("-first_published_at", "-id")[:NEWS_LIMIT]
        )

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            item = url["item"]
            edition = edition_chrome(language_code=item.locale.language_code)
            url["news"] = {
                "publication": edition.brand_name if edition else "Dateline",
                "language": item.locale.language_code,
                "published_at": w3c_datetime(item.first_published_at),
                "title": item.title,
            }
        return urls


SITEMAPS = {
    "editions": EditionPagesSitemap,
    "articles": ArticlesSitemap,
    "news": NewsSitemap,
}


def w3c_datetime(moment: datetime | None) -> str:
    """W3C Datetime as sitemaps want it: whole seconds, an offset with a colon."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
