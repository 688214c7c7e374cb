"""Every change a reader can see purges, after commit, the keys of every response that
shows it; and every public response names the keys of what it shows. Together: no cached
response outlives a change it shows (the proxy itself is tested in test_scale_stack)."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import PageViewRestriction

from dateline.core.models import ProxyPurge
from dateline.core.purge import purge_keys, purges_send
from dateline.core.tests.purge_recorder import PurgeRecorder
from dateline.newsroom.models import ArticleByline, ArticlePage
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(settings):
    recorder = PurgeRecorder()
    settings.DATELINE_PURGE_PROXIES = [recorder.url]
    yield recorder
    recorder.close()


@pytest.fixture
def tree():
    return edition_tree()


def _topic_keys(article: ArticlePage) -> set[str]:
    return {f"list-topic-{tag.id}" for tag in article.topics.all()}


def _listing_keys(article: ArticlePage, tree) -> set[str]:
    section = tree.sections["en-russia"]
    return {
        f"page-{article.id}",
        f"list-{section.id}",
        f"list-{tree.homes['en'].id}",
        "feeds-en",
        "search-en",
        "sitemaps",
        *_topic_keys(article),
        *{f"list-author-{b.author_id}" for b in ArticleByline.objects.filter(page=article)},
    }


def test_publishing_purges_the_article_its_listings_feeds_and_sitemaps_once_committed(
    proxy, tree, django_capture_on_commit_callbacks
):
    article = article_for_test(tree.sections["en-russia"], live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article)
        assert proxy.purges == []  # nothing before the commit
    assert _listing_keys(article, tree) <= proxy.keys
    assert not ProxyPurge.objects.exists()


def test_an_edit_purges_the_listings_it_leaves_as_well_as_those_it_joins(
    proxy, tree, django_capture_on_commit_callbacks
):
    article = article_for_test(tree.sections["en-russia"], topics=1)
    old_topics = _topic_keys(article)
    article = ArticlePage.objects.get(pk=article.pk)
    article.topics.set(["A new topic"])
    article.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=ArticlePage.objects.get(pk=article.pk))
    assert old_topics and old_topics <= proxy.keys
    assert _topic_keys(ArticlePage.objects.get(pk=article.pk)) <= proxy.keys


def test_unpublishing_deleting_moving_and_restricting_each_purge(
    proxy, tree, django_capture_on_commit_callbacks
):
    section, other = tree.sections["en-russia"], tree.sections["en-world"]
    for change in ("unpublish", "delete", "move", "restrict"):
        proxy.purges.clear()
        article = article_for_test(section)
        expected = _listing_keys(article, tree)
        with django_capture_on_commit_callbacks(execute=True):
            if change == "unpublish":
                article_unpublish(article=article)
            elif change == "delete":
                article.delete()
            elif change == "move":
                article.move(other, pos="last-child")
                expected.add(f"list-{other.id}")
            else:
                PageViewRestriction.objects.create(
                    page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
                )
        assert expected <= proxy.keys, change


def test_a_scheduled_revision_purges_nothing_until_it_goes_live(
    proxy, tree, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    article = article_for_test(tree.sections["en-russia"], live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, go_live_at=timezone.now() + timedelta(days=1))
    assert f"page-{article.id}" not in proxy.keys


def test_a_scheduled_article_purges_its_listings_when_the_scheduler_publishes_it(
    proxy, tree, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Revision

    from dateline.newsroom.services import scheduled_publish_run

    article = article_for_test(tree.sections["en-russia"], live=False)
    article_publish(article=article, go_live_at=timezone.now() + timedelta(hours=1))
    # The hour passes: the revision and the time it carries are both due now.
    due = timezone.now() - timedelta(seconds=1)
    for revision in Revision.objects.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ):
        revision.content["go_live_at"] = due.isoformat()
        revision.approved_go_live_at = due
        revision.save()
    assert f"page-{article.id}" not in proxy.keys
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduled_publish_run() == 1
    assert _listing_keys(article, tree) <= proxy.keys


def test_moving_a_section_purges_its_whole_edition(proxy, tree, django_capture_on_commit_callbacks):
    article_for_test(tree.sections["en-russia"])
    with django_capture_on_commit_callbacks(execute=True):
        tree.sections["en-world"].move(tree.sections["en-russia"], pos="last-child")
    assert "edition-en" in proxy.keys


def test_a_photo_author_or_agency_change_purges_what_shows_it(
    proxy, tree, django_capture_on_commit_callbacks
):
    photo = photo_for_test()
    article = article_for_test(tree.sections["en-russia"], photo=photo)
    author = ArticleByline.objects.filter(page=article).first().author
    with django_capture_on_commit_callbacks(execute=True):
        photo.credit_line = "TASS"
        photo.save()
        author.name = "Renamed"
        author.save()
    assert {f"photo-{photo.id}", f"list-{tree.sections['en-russia'].id}"} <= proxy.keys
    assert {f"author-{author.id}", f"list-author-{author.id}"} <= proxy.keys


def test_keys_of_one_transaction_go_in_one_request(proxy, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        purge_keys(["page-1", "list-2"])
        purge_keys(["page-1", "feeds-en"])
    assert proxy.purges[0] == {"page-1", "list-2", "feeds-en"}


def test_a_rolled_back_change_purges_nothing_and_leaves_no_row(proxy, tree):
    with pytest.raises(RuntimeError), transaction.atomic():
        purge_keys(["page-1"])
        raise RuntimeError
    assert not ProxyPurge.objects.exists()
    assert purges_send() == 0
    assert proxy.purges == []


def test_a_purge_the_proxy_refuses_is_logged_kept_and_sent_again(
    proxy, tree, caplog, django_capture_on_commit_callbacks
):
    proxy.refuse_with = 503
    with (
        caplog.at_level(logging.WARNING, logger="dateline.core.purge"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purge_keys(["page-7"])
    purge = ProxyPurge.objects.get()
    assert purge.attempts == 1 and "503" in purge.last_error
    assert "Purge not taken" in caplog.text
    # Not due yet: the scheduler's pass leaves it until its back-off is over.
    assert purges_send() == 0
    ProxyPurge.objects.update(next_attempt_at=None)
    proxy.refuse_with = 0
    assert purges_send() == 1
    assert proxy.purges == [{"page-7"}]
    assert not ProxyPurge.objects.exists()


def test_a_purge_for_a_proxy_no_longer_configured_is_dropped(proxy, settings, tree):
    ProxyPurge.objects.create(proxy="http://127.0.0.1:1/", keys="page-1")
    assert purges_send() == 0
    assert not ProxyPurge.objects.exists()


def test_long_key_lists_are_split_under_the_proxys_header_limit(
    proxy, tree, django_capture_on_commit_callbacks
):
    keys = [f"page-{number}" for number in range(3000)]
    with django_capture_on_commit_callbacks(execute=True):
        purge_keys(keys)
    assert len(proxy.purges) > 1
    assert proxy.keys == set(keys)


def test_without_a_proxy_nothing_is_written(settings, tree, django_capture_on_commit_callbacks):
    settings.DATELINE_PURGE_PROXIES = []
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article_for_test(tree.sections["en-russia"], live=False))
    assert not ProxyPurge.objects.exists()


# What each response names: a change purging these keys reaches it.


def _keys(response) -> set[str]:
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    return set(response["xkey"].split())


def test_public_responses_name_what_they_show(tree):
    section = tree.sections["en-russia"]
    photo = photo_for_test()
    article = article_for_test(section, photo=photo)
    older = article_for_test(section)  # the factory dates each article before the last
    author = ArticleByline.objects.filter(page=article).first().author
    topic = article.topics.first()
    client = Client()

    assert {
        f"page-{article.id}",
        f"photo-{photo.id}",
        f"author-{author.id}",
        f"page-{older.id}",  # shown as the next article
        "edition-en",
    } <= _keys(client.get(article.url))
    assert {f"list-{section.id}", "edition-en"} <= _keys(client.get(section.url))
    assert {f"list-{tree.homes['en'].id}"} <= _keys(client.get("/en/"))
    assert {f"list-topic-{topic.id}"} <= _keys(client.get(f"/en/topics/{topic.slug}/"))
    assert {f"list-author-{author.id}"} <= _keys(client.get(f"/en/authors/{author.slug}/"))
    assert {"search-en"} <= _keys(client.get("/en/search/?q=Lede"))
    assert {"feeds-en"} <= _keys(client.get("/en/feeds/rss/"))
    assert {"sitemaps"} <= _keys(client.get("/sitemap.xml"))
    assert {f"photo-{photo.id}"} <= _keys(client.get(f"/en/mediabank/{photo.id}/"))
    assert {"mediabank-en"} <= _keys(client.get("/en/mediabank/"))
    assert {f"page-{older.id}", f"page-{article.id}"} <= _keys(
        client.get(f"/en/live/next/{article.id}/")
    )
