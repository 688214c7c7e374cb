"""The outbox: one event per change, written with it, broadcast only after commit."""

import pytest
from django.db import transaction

from dateline.live.models import NewsEvent
from dateline.live.outbox import outbox_wake
from dateline.live.selectors import news_event_latest_id, news_events_since
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return edition_tree()


def test_publish_update_and_unpublish_each_write_one_event(
    tree, django_capture_on_commit_callbacks
):
    draft = article_for_test(
        tree.sections["en-russia"], title="Breaking story", live=False, urgency=1
    )
    with django_capture_on_commit_callbacks() as broadcasts:
        article_publish(article=draft)
    assert NewsEvent.objects.count() == 1
    # Watchers are woken once it commits (beside the cache purge).
    assert any(c is outbox_wake for c in broadcasts)
    draft.refresh_from_db()
    draft.title = "Breaking story, updated"
    article_publish(article=draft)
    article_unpublish(article=draft)
    events = list(NewsEvent.objects.order_by("id"))
    assert [e.kind for e in events] == ["published", "updated", "unpublished"]
    assert events[0].headline == "Breaking story"
    assert events[1].headline == "Breaking story, updated"
    assert events[0].as_message()["breaking"] is True
    assert events[0].url == draft.url and events[0].section_id == tree.sections["en-russia"].id


def test_rolled_back_publish_leaves_no_event_and_sends_nothing(
    tree, django_capture_on_commit_callbacks
):
    draft = article_for_test(tree.sections["en-russia"], live=False)
    with (
        django_capture_on_commit_callbacks() as broadcasts,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article_publish(article=draft)
        raise RuntimeError("the editor's transaction fails")
    assert NewsEvent.objects.count() == 0
    assert not any(c is outbox_wake for c in broadcasts)


def test_replay_returns_exactly_the_missed_events_in_order(tree):
    articles = [article_for_test(tree.sections["en-russia"], live=False) for _ in range(4)]
    for article in articles:
        article_publish(article=article)
    article_for_test(tree.sections["ru-russia"], live=False)  # another edition's events stay out
    ids = list(NewsEvent.objects.order_by("id").values_list("id", flat=True))
    locale_id = tree.homes["en"].locale_id
    missed = news_events_since(locale_id=locale_id, after_id=ids[1])
    assert [e.id for e in missed] == ids[2:]
    assert news_event_latest_id(locale_id=locale_id) == ids[-1]
    world = news_events_since(
        locale_id=locale_id, after_id=0, section_id=tree.sections["en-world"].id
    )
    assert world == []


def test_publishing_from_the_admin_writes_the_event_in_the_same_transaction(
    client, tree, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group, User
    from django.urls import reverse
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    editor = User.objects.create_user(username="ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    section = tree.sections["en-russia"]
    data = nested_form_data(
        {
            "title": "From the admin",
            "slug": "from-the-admin",
            "lede": "Lede.",
            "urgency": "4",
            "body": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            "bylines": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", section.id)), data
        )
    assert response.status_code == 302
    event = NewsEvent.objects.get()
    assert (event.kind, event.headline) == ("published", "From the admin")
    assert any(c is outbox_wake for c in callbacks)


class ListenerFailed(Exception):
    pass


@pytest.fixture
def failing_listener():
    """A listener of publish and unpublish that fails after the newsfeed's event is written."""
    from wagtail.signals import page_published, page_unpublished

    def fail(**kwargs):
        raise ListenerFailed

    for signal in (page_published, page_unpublished):
        signal.connect(fail, dispatch_uid="test_failing_listener")
    yield
    for signal in (page_published, page_unpublished):
        signal.disconnect(dispatch_uid="test_failing_listener")


@pytest.mark.parametrize("way", ["revision", "scheduler", "unpublish"])
def test_a_publish_is_whole_or_nothing_on_every_path(tree, failing_listener, way):
    # Wagtail's own paths, as the admin, a workflow's approval and the scheduler take them:
    # none goes through our services, and Wagtail opens no transaction for them.
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    live = way == "unpublish"
    article = article_for_test(tree.sections["en-russia"], title="Whole or nothing", live=live)
    events = NewsEvent.objects.count()
    with pytest.raises(ListenerFailed):
        if way == "revision":
            article.save_revision().publish()
        elif way == "scheduler":
            article.go_live_at = timezone.now() - timedelta(seconds=1)
            article.save_revision(approved_go_live_at=article.go_live_at)
            call_command("publish_scheduled")
        else:
            article.unpublish()
    article.refresh_from_db()
    assert article.live is live  # as it was
    assert NewsEvent.objects.count() == events


def test_restricting_a_section_withdraws_every_article_a_reader_could_still_be_shown(
    tree, settings
):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    settings.DATELINE_NEWSFEED_SIZE = 3
    section = tree.sections["en-russia"]
    old = article_for_test(section, title="Old but replayable", live=False)
    article_publish(article=old)  # its event is among those replayed
    ArticlePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=3)
    )
    newest = [article_for_test(section) for _ in range(5)]  # no events: listed in columns
    untouched = article_for_test(section, published_at=timezone.now() - timedelta(days=9))
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = set(NewsEvent.objects.filter(kind="unpublished").values_list("page_key", flat=True))
    assert old.id in withdrawn
    assert {a.id for a in newest[:3]} <= withdrawn  # the newsfeed column's newest
    assert untouched.id not in withdrawn  # in no column and no replay


def test_deleting_other_rows_stays_one_query(tree, django_assert_num_queries):
    # Outbox handlers listen for articles only: Django can still delete anything else in
    # one statement (a receiver for every model would make it fetch and signal each row).
    with django_assert_num_queries(1):
        NewsEvent.objects.filter(page_key__gt=0).delete()
