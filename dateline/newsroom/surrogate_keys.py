"""Which surrogate keys (see `dateline.core.surrogate_keys`) a newsroom page shows, and
which a change of one touches."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from dateline.newsroom.models import ArticleByline, ArticlePage, ArticleTopic


def article_page_keys(article: ArticlePage, context: dict[str, Any]) -> list[str]:
    """What an article's page shows besides the edition's chrome: itself, its bylines,
    agency, story, photos, the next article, related stories and the articles its body
    links to."""
    keys = [f"page-{article.id}", f"agency-{article.agency_id}" if article.agency_id else ""]
    keys += [f"author-{author.id}" for author in context.get("bylines", [])]
    if context.get("story") is not None:
        keys.append(f"story-{context['story'].id}")
    if context.get("next_article") is not None:
        keys.append(f"page-{context['next_article'].id}")
    keys += [f"page-{related.id}" for related in context.get("related", [])]
    if article.lead_photo_id:
        keys.append(f"photo-{article.lead_photo_id}")
    for block in article.body.raw_data:
        value = block.get("value") or {}
        if block.get("type") == "photo" and value.get("photo"):
            keys.append(f"photo-{value['photo']}")
        elif block.get("type") == "related_article" and value.get("article"):
            keys.append(f"page-{value['article']}")
    return keys


def listing_page_keys(page: Page) -> list[str]:
    """A section's or an edition home's page: itself and the articles it lists."""
    return [f"page-{page.id}", f"list-{page.id}"]


def page_change_keys(page: Page) -> set[str]:
    """Every key whose responses a change of `page`, as it is stored now, touches."""
    language = page.locale.language_code
    keys = {
        f"page-{page.id}",
        f"list-{page.id}",
        f"feeds-{language}",
        f"search-{language}",
        "sitemaps",
    }
    # Its translations' pages name it among their alternates.
    keys.update(
        f"page-{pk}"
        for pk in Page.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .values_list("pk", flat=True)
    )
    specific = page.specific_deferred
    if not isinstance(specific, ArticlePage):
        # A section or a home: its title and place are in every page's chrome.
        keys.add(f"edition-{language}")
        return keys
    ancestors = [page.path[: -Page.steplen], page.path[: -2 * Page.steplen]]
    keys.update(
        f"list-{pk}" for pk in Page.objects.filter(path__in=ancestors).values_list("pk", flat=True)
    )
    keys.update(
        f"list-topic-{tag}"
        for tag in ArticleTopic.objects.filter(content_object_id=page.pk).values_list(
            "tag_id", flat=True
        )
    )
    keys.update(
        f"list-author-{author}"
        for author in ArticleByline.objects.filter(page_id=page.pk).values_list(
            "author_id", flat=True
        )
    )
    if specific.story_id:
        keys.add(f"list-story-{specific.story_id}")
    if specific.lead_photo_id:
        keys.add(f"photo-{specific.lead_photo_id}")  # its page lists the articles using it
    return keys
