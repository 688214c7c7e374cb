"""Page views counted by the browser's beacon: cached pages stay cached, views still count."""

import datetime

import pytest
from django.test import Client

from dateline.live.models import PageViewDay
from dateline.live.selectors import page_views_total
from dateline.live.services import page_view_count
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return article_for_test(edition_tree().sections["en-russia"], title="Counted story")


def test_views_add_up_per_day(article):
    monday, tuesday = datetime.date(2026, 11, 2), datetime.date(2026, 11, 3)
    page_view_count(page_id=article.id, day=monday)
    page_view_count(page_id=article.id, day=monday)
    page_view_count(page_id=article.id, day=tuesday)
    days = dict(PageViewDay.objects.filter(page=article).values_list("day", "views"))
    assert days == {monday: 2, tuesday: 1}
    assert page_views_total(page_id=article.id) == 3


def test_beacon_counts_without_a_csrf_token_or_a_session(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/en/live/viewed/{article.id}/")
    assert response.status_code == 204
    assert "Set-Cookie" not in response.headers
    assert page_views_total(page_id=article.id) == 1


def test_beacon_refuses_reads_drafts_and_floods(article, settings):
    client = Client()
    assert client.get(f"/en/live/viewed/{article.id}/").status_code == 405
    draft = article_for_test(article.get_parent().specific, title="Draft", live=False)
    assert client.post(f"/en/live/viewed/{draft.id}/").status_code == 404
    settings.DATELINE_VIEW_BEACON_RATE = "2/m"
    assert client.post(f"/en/live/viewed/{article.id}/").status_code == 204
    assert client.post(f"/en/live/viewed/{article.id}/").status_code == 204
    flooded = client.post(f"/en/live/viewed/{article.id}/", headers={"Accept": "application/json"})
    assert flooded.status_code == 429
    assert "Too many requests" in flooded.json()["error"]
    assert page_views_total(page_id=article.id) == 2
    assert page_views_total(page_id=draft.id) == 0
