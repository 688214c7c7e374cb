"""A reader follows a story from its page: confirmed by mail, told once when an article or
a live blog joins it, and able to stop following that story alone."""

from urllib.parse import urlsplit

import pytest

from dateline.core.tests.worker import run_worker
from dateline.newsroom.models import ArticlePage, LiveBlogPage, Story
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.subscriptions.models import Subscriber, Subscription
from dateline.subscriptions.tokens import PREFERENCES, UNSUBSCRIBE, token_make

pytestmark = pytest.mark.django_db

EMAIL = "follower@example.org"


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def followed(email=EMAIL):
    return sorted(
        Subscription.objects.filter(subscriber__email=email, kind="story").values_list(
            "story__title", flat=True
        )
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker's commits
def test_a_reader_follows_a_story_and_is_told_when_it_moves(client, mailbox):
    tree = edition_tree()
    russia = tree.sections["en-russia"]
    storm = Story.objects.create(title="The storm", locale_id=russia.locale_id)
    other = Story.objects.create(title="Elections", locale_id=russia.locale_id)
    story_page = client.get(f"/en/stories/{storm.id}/")
    assert story_page.status_code == 200
    assert f"/en/subscribe/?story={storm.id}" in story_page.content.decode()
    form = client.get(f"/en/subscribe/?story={storm.id}").content.decode()
    assert "The storm" in form and "Elections" not in form
    client.post("/en/subscribe/", {"email": EMAIL, "stories": [storm.id]})
    confirm = path_of(mailbox.link_to(EMAIL, "/en/subscribe/confirm/"))
    assert "Updates on the story “The storm”" in client.get(confirm).content.decode()
    client.post(confirm)
    assert followed() == ["The storm"]

    article = article_for_test(russia, title="Port closed", live=False, story=storm)
    article_publish(article=article)
    article_publish(article=ArticlePage.objects.get(pk=article.pk))  # an update: told once
    blog = article_for_test(
        russia, title="Storm: live", live=False, story=storm, model=LiveBlogPage
    )
    article_publish(article=blog)
    elsewhere = article_for_test(russia, title="Polls open", live=False, story=other)
    article_publish(article=elsewhere)
    run_worker()
    told = [m["Subject"] for m in mailbox.messages() if EMAIL in m["To"]][1:]  # after the confirm
    assert sorted(told) == ["The storm: Port closed", "The storm: Storm: live"]

    subscriber = Subscriber.objects.get(email=EMAIL)
    Subscription.objects.create(subscriber=subscriber, kind="story", story=other)
    Subscription.objects.create(subscriber=subscriber, kind="daily")
    stop = token_make(UNSUBSCRIBE, {"s": subscriber.pk, "k": f"story:{storm.id}"})
    client.post(f"/en/subscribe/unsubscribe/{stop}/")
    assert followed() == ["Elections"], "only that story stopped"
    preferences = f"/en/subscribe/preferences/{token_make(PREFERENCES, {'s': subscriber.pk})}/"
    assert "Elections" in client.get(preferences).content.decode()
    client.post(preferences, {"daily": "on"})  # the story unticked
    assert followed() == [] and Subscription.objects.filter(kind="daily").count() == 1


def test_a_story_of_another_edition_or_none_cannot_be_followed(client, mailbox):
    tree = edition_tree()
    russian = Story.objects.create(title="Шторм", locale_id=tree.sections["ru-russia"].locale_id)
    page = client.post("/en/subscribe/", {"email": EMAIL, "stories": [russian.id]})
    assert page.status_code == 400
    assert not Subscriber.objects.exists() and mailbox.messages() == []
    assert client.get("/en/subscribe/?story=99999999999999999999").status_code == 200
