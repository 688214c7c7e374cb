"""The newsroom's real-time view: counted from the beacons as they come (minute rows, no
row per view, nothing of the reader), read by editors in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from dateline.live.models import PageViewMinute, ReferrerMinute
from dateline.live.referrers import referrer_kind
from dateline.live.selectors import realtime_view
from dateline.live.services import page_view_record, page_views_prune
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def test_where_readers_came_from_is_kept_as_a_kind_only():
    own = {"news.example"}
    cases = {
        "": "direct",
        "news.example": "internal",
        "www.google.co.uk": "search",
        "yandex.ru": "search",
        "duckduckgo.com": "search",
        "t.co": "social",
        "m.facebook.com": "social",
        "vk.com": "social",
        "old.reddit.com": "social",
        "blog.example.org": "other",
        "googleusercontent.example": "other",
    }
    assert {host: referrer_kind(host, own_hosts=own) for host in cases} == cases


def test_the_beacon_counts_the_minute_and_where_from_and_the_view_adds_them_up():
    tree = edition_tree()
    hot = article_for_test(tree.sections["en-russia"], title="Hot story")
    calm = article_for_test(tree.sections["en-russia"], title="Calm story")
    russian = article_for_test(tree.sections["ru-russia"], title="Новость")
    client = Client()
    for host in ("www.google.com", "t.co", "", "testserver"):
        assert client.post(f"/en/live/viewed/{hot.id}/?from={host}").status_code == 204
    client.post(f"/en/live/viewed/{calm.id}/?from=")
    client.post(f"/ru/live/viewed/{russian.id}/?from=yandex.ru")
    assert PageViewMinute.objects.count() == 3, "one row per page and minute, not per view"
    now = timezone.now()
    # Views an hour and a half ago count for neither "now" nor the last hour.
    page_view_record(
        page_id=calm.id, locale_id=calm.locale_id, came_from="other", now=now - timedelta(hours=2)
    )
    # Views 30 minutes ago count for the hour, not for now.
    for _ in range(6):
        page_view_record(
            page_id=calm.id,
            locale_id=calm.locale_id,
            came_from="search",
            now=now - timedelta(minutes=30),
        )
    editions = {e.language_code: e for e in realtime_view(now=now)}
    english = editions["en"]
    assert english.views_now == 5
    assert [(p.title, p.views) for p in english.top_now] == [("Hot story", 4), ("Calm story", 1)]
    assert [(p.title, p.views) for p in english.top_hour] == [("Calm story", 7), ("Hot story", 4)]
    # search engines, social networks, direct, our own pages, other sites
    assert [views for _name, views in english.came_from] == [7, 1, 2, 1, 0]
    assert editions["ru"].views_now == 1 and editions["ru"].top_now[0].title == "Новость"
    assert page_views_prune() == 0, "two days are kept"
    assert page_views_prune(keep=timedelta(hours=1)) == 2  # the two-hour-old rows
    assert ReferrerMinute.objects.filter(minute__lt=now - timedelta(hours=1)).count() == 0


def test_editors_see_the_view_and_reporters_do_not(client):
    article = article_for_test(edition_tree().sections["en-russia"], title="Hot story")
    Client().post(f"/en/live/viewed/{article.id}/?from=t.co")
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    reporter = User.objects.create_user("reporter", password="pw")
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    assert client.get("/admin/readers-now/").status_code == 302
    client.force_login(editor)
    page = client.get("/admin/readers-now/")
    assert page.status_code == 200
    assert "Hot story" in page.content.decode() and "Readers now" in page.content.decode()
