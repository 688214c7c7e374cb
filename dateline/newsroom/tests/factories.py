"""Builders for newsroom test data: a small two-edition tree and articles in it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from dateline.mediabank.demo import DemoPhotoMetadata, demo_photo_bytes
from dateline.mediabank.models import Photo
from dateline.mediabank.services import photo_import, photo_renditions_warm
from dateline.newsroom.models import (
    Agency,
    ArticleByline,
    ArticlePage,
    Author,
    EditionHomePage,
    SectionPage,
)

_sequence = itertools.count(1)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "RIA Novosti"
    short_name = "RIA Novosti"
    locale = factory.LazyFunction(Locale.get_default)


@dataclass
class Tree:
    homes: dict[str, EditionHomePage]
    sections: dict[str, SectionPage]


def edition_tree() -> Tree:
    """English and Russian editions, each with a "russia" and a "world" section."""
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    russian_locale = Locale.objects.get_or_create(language_code="ru")[0]
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    homes = {
        "en": root.add_child(
            instance=EditionHomePage(
                title="Dateline International",
                slug="en",
                brand_name="Dateline International",
                locale=english_locale,
                time_zone="Europe/Moscow",
            )
        )
    }
    homes["ru"] = root.add_child(
        instance=EditionHomePage(
            title="Дейтлайн",
            slug="ru",
            brand_name="Дейтлайн",
            locale=russian_locale,
            translation_key=homes["en"].translation_key,
            time_zone="Europe/Moscow",
        )
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=homes["en"], is_default_site=True)
    sections = {}
    for slug, titles in (("russia", ("Russia", "Россия")), ("world", ("World", "Мир"))):
        english = homes["en"].add_child(
            instance=SectionPage(
                title=titles[0],
                slug=slug,
                locale=english_locale,
                description=f"The latest news and stories from {titles[0]}.",
            )
        )
        sections[f"en-{slug}"] = english
        sections[f"ru-{slug}"] = homes["ru"].add_child(
            instance=SectionPage(
                title=titles[1],
                slug=slug,
                locale=russian_locale,
                translation_key=english.translation_key,
                description="Последние новости.",
            )
        )
    return Tree(homes=homes, sections=sections)


def photo_for_test(*, caption: str = "A caption", creator: str = "Eduard Pesov") -> Photo:
    metadata = DemoPhotoMetadata(
        caption=caption,
        creator=creator,
        copyright_notice="© RIA Novosti",
        credit_line="RIA Novosti",
        source="RIA Novosti",
    )
    photo = photo_import(
        content=demo_photo_bytes(seed=next(_sequence), metadata=metadata, size=(320, 180)),
        filename="test.jpg",
    ).photo
    photo_renditions_warm(photo=photo)  # the worker's part, done once the import commits
    return photo


def article_for_test(
    section: SectionPage,
    *,
    title: str | None = None,
    published_at: datetime | None = None,
    live: bool = True,
    paragraphs: int = 2,
    authors: int = 1,
    topics: int = 1,
    photo: Photo | None = None,
    model: type[ArticlePage] = ArticlePage,
    **fields,
) -> ArticlePage:
    """An article (or a live blog: `model`) under `section`; live ones get their publication
    times as if published."""
    number = next(_sequence)
    published_at = published_at or timezone.now() - timedelta(minutes=number)
    article = model(
        title=title or f"Article {number}",
        slug=f"article-{number}",
        locale_id=section.locale_id,
        lede=f"Lede of article {number}.",
        body=[
            {"type": "paragraph", "value": f"<p>Paragraph {i} of {number}.</p>"}
            for i in range(paragraphs)
        ],
        live=live,
        first_published_at=published_at if live else None,
        last_published_at=published_at if live else None,
        lead_photo=photo,
        **fields,
    )
    section.add_child(instance=article)
    for order in range(authors):
        ArticleByline.objects.create(page=article, author=AuthorFactory(), sort_order=order)
    if topics:
        article.topics.add(*[f"Topic {number}-{i}" for i in range(topics)])
        article.save()
    return article
