"""Most read: from the views the pages' beacons count, the edition's own, only what readers
may still read, cached apart from the pages that show it."""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.live.models import PageViewDay
from dateline.newsroom.selectors import edition_time_zone
from dateline.newsroom.services import article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    tree = edition_tree()
    russia = tree.sections["en-russia"]
    # The edition's day, as the page counts it (Moscow's is tomorrow after 21:00 UTC).
    zone = zoneinfo.ZoneInfo(edition_time_zone(language_code="en"))
    today = timezone.localdate(timezone=zone)
    articles = {}
    for title, views, days_ago in (
        ("Read a lot", 90, 0),
        ("Read yesterday", 60, 1),
        ("Read some", 20, 0),
        ("Read last week", 500, 7),
    ):
        article = article_for_test(russia, title=title)
        PageViewDay.objects.create(page=article, day=today - timedelta(days=days_ago), views=views)
        articles[title] = article
    russian = article_for_test(tree.sections["ru-russia"], title="Много читают")
    PageViewDay.objects.create(page=russian, day=today, views=1000)
    draft = article_for_test(russia, title="Draft read by editors", live=False)
    PageViewDay.objects.create(page=draft, day=today, views=1000)
    return articles


def listed(client):
    response = client.get("/en/live/most-read/?part=list")
    assert response.status_code == 200
    html = response.content.decode()
    return (
        response,
        [
            t
            for t in (
                "Read a lot",
                "Read yesterday",
                "Read some",
                "Read last week",
                "Много читают",
                "Draft read by editors",
            )
            if t in html
        ],
        html,
    )


def test_the_editions_most_read_of_two_days_in_order(client, counted):
    response, titles, html = listed(client)
    assert titles == ["Read a lot", "Read yesterday", "Read some"]
    assert html.index("Read a lot") < html.index("Read yesterday") < html.index("Read some")
    assert "public" in response["Cache-Control"] and "s-maxage=300" in response["Cache-Control"]
    page = client.get("/en/live/most-read/").content.decode()
    assert "<h1" in page and "Read a lot" in page  # without scripts, a page of its own


def test_an_unpublished_article_leaves_the_list_at_once(
    client, counted, django_capture_on_commit_callbacks
):
    listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=counted["Read a lot"])
    _response, titles, _html = listed(client)
    assert titles == ["Read yesterday", "Read some"]


def test_article_pages_fetch_it_after_themselves(client, counted):
    html = client.get(counted["Read some"].url).content.decode()
    assert 'data-most-read-url="/en/live/most-read/?part=list"' in html
