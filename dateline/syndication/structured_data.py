"""How an article describes itself to search engines and social networks: schema.org
`NewsArticle` and `BreadcrumbList` in JSON-LD, Open Graph, Twitter cards, canonical and
`hreflang` links. Built from published fields only, with absolute URLs."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from dateline.newsroom.liveblog import entry_plain_text
from dateline.newsroom.models import ArticlePage, LiveBlogPage
from dateline.newsroom.routing import edition_url
from dateline.newsroom.selectors import EditionChrome
from dateline.syndication import articles
from dateline.syndication.selectors import page_translations

LOGO = ("img/publisher-logo.png", 600, 60)  # Google's publisher logo: at most 600×60
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
# In a <script> element only these could end it or start markup; JSON allows the escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@dataclass(frozen=True)
class ArticleHead:
    canonical: str
    alternates: list[tuple[str, str]]
    json_ld: SafeString
    open_graph: list[tuple[str, str]]
    twitter: list[tuple[str, str]]


def json_for_script(data: Any) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(text)  # noqa: S308 - nothing in it can end the script element


def article_head(
    *,
    article: ArticlePage,
    edition: EditionChrome,
    absolute: Callable[[str], str],
    dateline: str = "",
    authors: list[Any] | None = None,
) -> ArticleHead:
    """Everything an article page puts in its <head> for machines."""
    canonical = absolute(article.url)
    section = edition.section_for(article)
    image = articles.lead_image(article)
    image_url = absolute(image.url) if image else None
    authors = authors if authors is not None else [b.author for b in article.bylines.all()]
    logo_path, logo_width, logo_height = LOGO
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article.title[:110],
        "description": article.lede,
        "datePublished": article.first_published_at,
        "dateModified": article.last_published_at or article.first_published_at,
        "inLanguage": edition.language_code,
        "isAccessibleForFree": True,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute(edition_url(edition, "author", slug=author.slug)),
            }
            for author in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": edition.brand_name,
            "url": absolute(edition.url),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static(logo_path)),
                "width": logo_width,
                "height": logo_height,
            },
        },
    }
    if dateline:
        news_article["dateline"] = dateline.rstrip(" –—-")  # the page's lead-in dash
    corrections = list(article.corrections.order_by("corrected_at"))
    if corrections:  # schema.org's CorrectionComment, as the page's foot shows them
        news_article["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.corrected_at}
            for c in corrections
        ]
    if isinstance(article, LiveBlogPage):
        news_article.update(_live_blog(article, canonical))
    if section:
        news_article["articleSection"] = section.title
    topics = articles.topic_names(article)
    if topics:
        news_article["keywords"] = topics
    if image:
        others = articles.STRUCTURED_DATA_SPECS[1:]
        shapes = [image, *(articles.lead_image(article, spec) for spec in others)]
        news_article["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute(shape.url),
                "width": shape.width,
                "height": shape.height,
                "caption": shape.caption,
                "creditText": shape.credit,
            }
            for shape in shapes
            if shape is not None
        ]
    crumbs = [(edition.brand_name, edition.url)]
    if section:
        crumbs.append((section.title, section.url))
    crumbs.append((article.title, article.url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": absolute(url)}
            for number, (name, url) in enumerate(crumbs, start=1)
        ],
    }
    open_graph = [
        ("og:type", "article"),
        ("og:site_name", edition.brand_name),
        ("og:title", article.title),
        ("og:description", article.lede),
        ("og:url", canonical),
        ("og:locale", OG_LOCALES.get(edition.language_code, edition.language_code)),
        ("article:published_time", _iso(article.first_published_at)),
        ("article:modified_time", _iso(article.last_published_at)),
    ]
    if section:
        open_graph.append(("article:section", section.title))
    open_graph += [("article:tag", topic) for topic in topics]
    if image:
        open_graph += [
            ("og:image", image_url),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.caption),
        ]
    twitter = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", article.title),
        ("twitter:description", article.lede),
    ]
    if image:
        twitter.append(("twitter:image", image_url))
    alternates = [
        (language, absolute(path))
        for language, path in page_translations(pages=[article]).get(article.translation_key, [])
    ]
    open_graph += [
        ("og:locale:alternate", OG_LOCALES.get(language, language))
        for language, _url in alternates
        if language != edition.language_code
    ]
    return ArticleHead(
        canonical=canonical,
        alternates=alternates if len(alternates) > 1 else [],
        json_ld=json_for_script([news_article, breadcrumbs]),
        open_graph=[(key, value) for key, value in open_graph if value],
        twitter=twitter,
    )


LIVE_UPDATES = 20  # the newest entries described; the page has them all


def _live_blog(blog: LiveBlogPage, canonical: str) -> dict[str, Any]:
    """schema.org's LiveBlogPosting: the coverage's times and its newest entries."""
    described: dict[str, Any] = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": blog.coverage_started,
    }
    if blog.coverage_end:
        described["coverageEndTime"] = blog.coverage_end
    described["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": (entry.title or entry_plain_text(entry))[:110],
            "articleBody": entry_plain_text(entry),
            "datePublished": entry.posted_at,
            "dateModified": entry.updated_at,
            "url": f"{canonical}#entry-{entry.pk}",
        }
        for entry in blog.entries.order_by("-posted_at", "-id")[:LIVE_UPDATES]
    ]
    return described


def _iso(moment: Any) -> str:
    return moment.isoformat() if moment else ""
