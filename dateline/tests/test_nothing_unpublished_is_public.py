"""The first invariant, on every surface and for every way a page changes state: nothing
that is not live and public (scheduled, in review, unpublished, moved into a restricted
section, copied as a draft, deleted, restricted) is ever shown, listed, sent or streamed.

Each case brings an article headed SECRET into one such state; every surface is then asked
for it. A second, public article (ANCHOR) keeps every surface non-empty, so that a surface
that shows nothing at all cannot pass by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from dateline.live.models import NewsEvent, PageViewDay
from dateline.live.selectors import news_events_after, news_events_since
from dateline.newsroom.models import ArticlePage, ArticleTopic
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.subscriptions.models import Mailing, Subscriber, Subscription
from dateline.subscriptions.services.mailings import digest_compose, mailing_send
from dateline.syndication.services import api_key_create

pytestmark = pytest.mark.django_db

SECRET = "Secretheadline embargoed"
WORD = "Secretheadline"
ANCHOR = "Anchorheadline public"


def _user(name: str, group: str) -> User:
    user = User.objects.create_user(username=name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def _draft(section) -> ArticlePage:
    return article_for_test(section, title=SECRET, live=False, urgency=1)


def _published(section) -> ArticlePage:
    article = _draft(section)
    article_publish(article=article)
    article.refresh_from_db()
    return article


def schedule_new(tree) -> ArticlePage:
    article = _draft(tree.sections["en-russia"])
    article_publish(article=article, go_live_at=timezone.now() + timedelta(days=1))
    return article


def schedule_an_edit(tree) -> ArticlePage:
    article = article_for_test(tree.sections["en-russia"], title="Harmless old title")
    article.title = SECRET
    article_publish(article=article, go_live_at=timezone.now() + timedelta(days=1))
    return article


def submit_for_review(tree) -> ArticlePage:
    article = _draft(tree.sections["en-russia"])
    reporter = _user("reporter", "Reporters")
    article.save_revision(user=reporter)
    article.get_workflow().start(article, reporter)
    return article


def approve_a_scheduled_submission(tree) -> ArticlePage:
    article = _draft(tree.sections["en-russia"])
    article.go_live_at = timezone.now() + timedelta(days=1)
    reporter = _user("reporter", "Reporters")
    article.save_revision(user=reporter)
    state = article.get_workflow().start(article, reporter)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state.specific, user=_user("editor", "Editors"), action_name="approve"
    )
    article.refresh_from_db()
    assert not article.live and article.revisions.filter(approved_go_live_at__isnull=False)
    return article


def unpublish(tree) -> ArticlePage:
    article = _published(tree.sections["en-russia"])
    article_unpublish(article=article)
    return article


def kill(tree) -> ArticlePage:
    """Killed (legal) after it went out: withdrawn, with a notice to partners."""
    from dateline.newsroom.services import article_withdraw

    article = _published(tree.sections["en-russia"])
    article_withdraw(article=article, status="canceled", note="Legal: withdrawn.")
    return article


def publish_before_its_embargo(tree) -> ArticlePage:
    """Wagtail's own publish (the page listing's bulk action) of an embargoed draft."""
    article = _draft(tree.sections["en-russia"])
    article.embargoed_until = timezone.now() + timedelta(days=1)
    article.save()
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    return article


def move_into_a_restricted_section(tree) -> ArticlePage:
    article = _published(tree.sections["en-russia"])
    closed = tree.sections["en-world"]
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    article.move(closed, pos="last-child")
    return article


def copy_a_draft(tree) -> ArticlePage:
    article = _draft(tree.sections["en-russia"])
    return article.copy(update_attrs={"slug": "copied-secret"}, keep_live=False)


def delete(tree) -> ArticlePage:
    article = _published(tree.sections["en-russia"])
    ArticlePage.objects.get(pk=article.pk).delete()
    return article


def restrict(tree) -> ArticlePage:
    article = _published(tree.sections["en-russia"])
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    return article


CHANGES: list[Callable] = [
    schedule_new,
    schedule_an_edit,
    submit_for_review,
    approve_a_scheduled_submission,
    unpublish,
    kill,
    publish_before_its_embargo,
    move_into_a_restricted_section,
    copy_a_draft,
    delete,
    restrict,
]
NEVER_PUBLIC = {
    schedule_new,
    schedule_an_edit,
    submit_for_review,
    approve_a_scheduled_submission,
    publish_before_its_embargo,
    copy_a_draft,
}


@pytest.fixture(params=CHANGES, ids=[change.__name__ for change in CHANGES])
def changed(request, django_capture_on_commit_callbacks):
    tree = edition_tree()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        article = request.param(tree)
        anchor = article_for_test(tree.sections["en-russia"], title=ANCHOR, live=False)
        article_publish(article=anchor)  # after SECRET's: the next article after it is older
    return request.param, article, anchor, tree, start


def test_pages_and_search(client, changed):
    _change, article, _anchor, _tree, _start = changed
    for url in ("/en/", "/en/russia/", "/en/world/", f"/en/search/?q={WORD}"):
        html = client.get(url).content.decode()
        assert SECRET not in html, url
    assert ANCHOR in client.get("/en/russia/").content.decode()
    assert ANCHOR in client.get("/en/search/?q=Anchorheadline").content.decode()
    for url in (f"/en/russia/{article.slug}/", "/en/russia/copied-secret/"):
        response = client.get(url)
        assert response.status_code == 404 or SECRET not in response.content.decode(), url


def test_feeds_sitemaps_and_api(client, changed):
    change, article, anchor, _tree, _start = changed
    _record, key = api_key_create(name="Partner")
    urls = [
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/en/feeds/section/russia/rss/",
        "/en/feeds/section/world/rss/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert SECRET not in body and f"/{article.slug}/" not in body, url
        assert f"/{anchor.slug}/" in body or "world" in url, url
    for params in ({}, {"q": WORD}):
        body = client.get("/api/ninjs/items/", params, HTTP_X_API_KEY=key).content.decode()
        assert SECRET not in body
    one = client.get(f"/api/ninjs/items/{article.id}/", HTTP_X_API_KEY=key)
    if change is kill:  # partners who had it are told to take it down: a notice, no text
        notice = one.json()
        assert notice["pubstatus"] == "canceled" and "bodies" not in notice
    else:
        assert one.status_code == 404


def test_newsfeed_next_article_and_comments(client, changed):
    _change, article, anchor, tree, _start = changed
    locale_id = tree.homes["en"].locale_id
    replayed = news_events_since(locale_id=locale_id, after_id=0)
    _cursor, watched, _more = news_events_after(after_id=0, limit=1000)
    for event in (*replayed, *watched):
        assert SECRET not in event.as_message()["headline"]
        assert event.kind == NewsEvent.Kind.UNPUBLISHED or event.page_key != article.id
    assert any(e.headline == ANCHOR for e in replayed)  # the newsfeed works at all
    following = client.get(f"/en/live/next/{anchor.id}/")
    assert following.status_code == 404 or SECRET not in following.content.decode()
    assert client.get(f"/en/comments/{article.id}/").status_code == 404
    assert client.post(f"/en/live/viewed/{article.id}/").status_code == 404


def test_mail_and_push(changed):
    change, article, _anchor, _tree, _start = changed
    alerts = Mailing.objects.filter(kind=Subscription.Kind.BREAKING, key=f"article:{article.id}")
    if change in NEVER_PUBLIC:
        assert not alerts.exists()  # no breaking alert by mail or push was even composed
        assert not DBTaskResult.objects.filter(task_path__endswith="mailing_send_task").exists()
    else:
        # Composed while it was public; when the worker sends it, the article is left out.
        subscriber = Subscriber.objects.create(
            email="alerts@example.org", language="en", confirmed_at=timezone.now()
        )
        subscriber.subscriptions.create(kind=Subscription.Kind.BREAKING)
        assert mailing_send(mailing_id=alerts.get().pk) == {"sent": 0, "failed": 1}
    digest = digest_compose(language="en", section=None, day="today", now=timezone.now())
    assert article.id not in digest.article_ids


def test_most_read_and_related_stories(client, changed):
    _change, article, anchor, _tree, _start = changed
    pages = [anchor, *ArticlePage.objects.filter(id=article.id)]  # a deleted one is gone
    for page, views in zip(pages, (1, 10_000), strict=False):
        PageViewDay.objects.create(page_id=page.id, day=timezone.localdate(), views=views)
    most_read = client.get("/en/live/most-read/?part=list").content.decode()
    assert SECRET not in most_read and ANCHOR in most_read  # the list works at all
    topic = Tag.objects.create(name="Shared topic", slug="shared-topic")
    # A public article on the topic too, so that the related stories are shown at all.
    public = article_for_test(anchor.get_parent().specific, title="Public on the topic")
    for page in [*pages, public]:
        ArticleTopic.objects.create(content_object_id=page.id, tag=topic)
    related = client.get(anchor.url).content.decode()
    assert SECRET not in related and "Public on the topic" in related
