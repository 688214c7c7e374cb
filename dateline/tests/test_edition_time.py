"""Every time a reader is shown is in the edition's zone (Moscow in the test editions): the
page and every fragment fetched into it; machine-readable times carry whole seconds."""

import re
from datetime import UTC, datetime

import pytest

from dateline.comments.services import comment_post
from dateline.comments.tests.factories import reader_for_test
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 2, 9, 30, 15, 123456, tzinfo=UTC)  # 12:30 in Moscow
ISO_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@pytest.fixture
def articles():
    tree = edition_tree()
    russia = tree.sections["en-russia"]
    earlier = article_for_test(russia, title="Earlier", published_at=PUBLISHED)
    later = article_for_test(
        russia, title="Later", published_at=PUBLISHED.replace(hour=10, minute=45)
    )
    return earlier, later


def shown_times(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<time[^>]*datetime="([^"]+)"[^>]*>([^<]*)</time>', html)


def assert_in_moscow(html: str, *, expect: str) -> None:
    times = shown_times(html)
    assert times, "no time shown"
    for machine, _text in times:
        assert ISO_SECONDS.fullmatch(machine), machine  # no microseconds
    assert any(machine.endswith("+03:00") for machine, _ in times), times
    assert any(expect in text for _, text in times), times


def test_the_article_page_shows_moscow_time(client, articles):
    earlier, _later = articles
    assert_in_moscow(client.get(earlier.url).content.decode(), expect="12:30")


def test_the_next_article_fragment_shows_moscow_time(client, articles):
    _earlier, later = articles
    fragment = client.get(f"/en/live/next/{later.id}/").content.decode()
    assert "Earlier" in fragment
    assert_in_moscow(fragment, expect="12:30")


def test_the_comment_thread_shows_moscow_time(client, articles, settings):
    earlier, _later = articles
    comment = comment_post(author=reader_for_test("Anna"), article=earlier, body="First!")
    type(comment).objects.filter(pk=comment.pk).update(created_at=PUBLISHED)
    thread = client.get(f"/en/comments/{earlier.id}/").content.decode()
    assert "First!" in thread
    assert_in_moscow(thread, expect="12:30")
