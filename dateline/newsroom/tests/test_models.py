import pytest
from django.core.exceptions import ValidationError

from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


@pytest.mark.parametrize("urgency", [0, 9])
def test_urgency_outside_iptc_range_is_refused(tree, urgency):
    article = article_for_test(tree.sections["en-russia"])
    article.urgency = urgency
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "urgency" in error.value.message_dict


def test_breaking_is_urgency_one_or_two(tree):
    article = article_for_test(tree.sections["en-russia"], urgency=2)
    assert article.is_breaking
    article.urgency = 3
    assert not article.is_breaking


def test_section_under_a_section_is_refused(tree):
    with pytest.raises(ValidationError, match="cannot be placed under"):
        tree.sections["en-russia"].add_child(
            instance=SectionPage(
                title="Nested", slug="nested", locale_id=tree.homes["en"].locale_id
            )
        )
    assert not SectionPage.objects.filter(slug="nested").exists()


def test_article_directly_under_edition_is_refused(tree):
    with pytest.raises(ValidationError, match="cannot be placed under"):
        tree.homes["en"].add_child(
            instance=ArticlePage(
                title="Stray", slug="stray", lede="x", locale_id=tree.homes["en"].locale_id
            )
        )


def test_unknown_time_zone_is_refused(tree):
    home = tree.homes["en"]
    home.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as error:
        home.full_clean()
    assert "time_zone" in error.value.message_dict
