import io

import pytest
from wagtail.models import Page

from dateline.demo import seed_article
from dateline.demo.loader import demo_load
from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_a_second_run_changes_nothing():
    assert demo_load(stdout=io.StringIO()) is True
    counts = (Page.objects.count(), Photo.objects.count(), ArticlePage.objects.live().count())
    assert demo_load(stdout=io.StringIO()) is False
    assert (
        Page.objects.count(),
        Photo.objects.count(),
        ArticlePage.objects.live().count(),
    ) == counts

    assert counts[2] >= 200
    for language in ("en", "ru"):
        titles = set(
            SectionPage.objects.filter(locale__language_code=language).values_list(
                "slug", flat=True
            )
        )
        assert titles == {
            "world",
            "russia",
            "politics",
            "economy",
            "defense",
            "science",
            "society",
            "sport",
        }

    english = ArticlePage.objects.get(locale__language_code="en", title=seed_article.HEADLINE["en"])
    russian = ArticlePage.objects.get(locale__language_code="ru", title=seed_article.HEADLINE["ru"])
    assert russian.translation_key == english.translation_key
    assert english.get_parent().slug == "russia"
    assert english.agency.short_name == "RIA Novosti"
    assert russian.agency.short_name == "РИА Новости"
    assert english.lead_photo.creator == "Eduard Pesov"
    assert english.lead_photo.copyright_notice == "© RIA Novosti"
    # The photo file carries its own credit, as an agency's would.
    with english.lead_photo.file.open("rb") as handle:
        content = handle.read()
    assert b"Eduard Pesov" in content
    assert "Москве".encode() in russian.lead_photo.file.open("rb").read()


def test_demo_keeps_a_draft_and_a_scheduled_article_away_from_readers():
    demo_load(stdout=io.StringIO())
    hidden = ArticlePage.objects.filter(
        slug__in=["embargoed-cabinet-reshuffle", "draft-budget-notes"]
    )
    assert hidden.count() == 2
    assert not hidden.filter(live=True).exists()
