from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from dateline.newsroom import selectors
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


def test_newsfeed_lists_live_articles_of_the_edition_newest_first(tree):
    now = timezone.now()
    older = article_for_test(tree.sections["en-russia"], published_at=now - timedelta(hours=2))
    newer = article_for_test(tree.sections["en-world"], published_at=now - timedelta(hours=1))
    article_for_test(tree.sections["ru-russia"])
    article_for_test(tree.sections["en-russia"], live=False)
    scheduled = article_for_test(tree.sections["en-russia"], live=False)
    article_publish(article=scheduled, go_live_at=now + timedelta(days=1))

    items = selectors.newsfeed_latest(locale_id=tree.homes["en"].locale_id)
    assert [i.id for i in items] == [newer.id, older.id]
    assert items[0].url == newer.url


def test_newsfeed_is_limited(tree, settings):
    settings.DATELINE_NEWSFEED_SIZE = 3
    for _ in range(5):
        article_for_test(tree.sections["en-russia"])
    assert len(selectors.newsfeed_latest(locale_id=tree.homes["en"].locale_id)) == 3


def test_section_pages_without_counting(tree, settings):
    settings.DATELINE_SECTION_PAGE_SIZE = 2
    section = tree.sections["en-russia"]
    articles = [article_for_test(section) for _ in range(5)]  # each older than the last
    first = selectors.section_articles(section=section, page="1")
    assert [a.id for a in first.items] == [articles[0].id, articles[1].id]
    assert first.has_next and not first.has_previous
    last = selectors.section_articles(section=section, page=3)
    assert [a.id for a in last.items] == [articles[4].id]
    assert not last.has_next and last.has_previous


@pytest.mark.parametrize("page", [None, "", "abc", "-4", "0", "1.5"])
def test_malformed_page_number_gives_first_page(tree, page):
    article = article_for_test(tree.sections["en-russia"])
    listing = selectors.section_articles(section=tree.sections["en-russia"], page=page)
    assert listing.number == 1
    assert listing.items == [article]


def test_page_past_the_end_is_not_found(tree):
    article_for_test(tree.sections["en-russia"])
    with pytest.raises(Http404):
        selectors.section_articles(section=tree.sections["en-russia"], page=2)


def test_next_article_is_the_next_older_in_the_edition(tree):
    now = timezone.now()
    oldest = article_for_test(tree.sections["en-world"], published_at=now - timedelta(hours=3))
    middle = article_for_test(tree.sections["en-russia"], published_at=now - timedelta(hours=2))
    article_for_test(tree.sections["ru-russia"], published_at=now - timedelta(hours=2, minutes=30))
    newest = article_for_test(tree.sections["en-russia"], published_at=now - timedelta(hours=1))
    assert selectors.article_next(article=newest) == middle
    assert selectors.article_next(article=middle) == oldest
    assert selectors.article_next(article=oldest) is None


def test_latest_by_section_groups_in_section_order(tree):
    world = article_for_test(tree.sections["en-world"])
    russia = [article_for_test(tree.sections["en-russia"]) for _ in range(6)]
    blocks = selectors.edition_latest_by_section(edition=tree.homes["en"], per_section=4)
    assert [(s.title, [a.id for a in arts]) for s, arts in blocks] == [
        ("Russia", [a.id for a in russia[:4]]),
        ("World", [world.id]),
    ]


def test_chrome_follows_publishing(tree, django_capture_on_commit_callbacks):
    chrome = selectors.edition_chrome(language_code="en")
    assert [s.title for s in chrome.sections] == ["Russia", "World"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tree.sections["en-world"].unpublish()
    assert callbacks, "the cache is forgotten only once the change is committed"
    chrome = selectors.edition_chrome(language_code="en")
    assert [s.title for s in chrome.sections] == ["Russia"]
