"""Subscribing end to end through the mail files: double opt-in, signed links that cannot
be forged, replayed or kept past their time, preferences, and one-click unsubscribe."""

from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client

from dateline.newsroom.tests.factories import edition_tree
from dateline.subscriptions.models import Subscriber, Subscription
from dateline.subscriptions.tokens import PREFERENCES, UNSUBSCRIBE, token_make

pytestmark = pytest.mark.django_db

EMAIL = "reader@example.org"


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def tree():
    return edition_tree()


def subscribe(client, tree, email=EMAIL, **choices):
    data = {"email": email, **choices}
    return client.post("/en/subscribe/", data)


def kinds(email=EMAIL):
    return sorted(
        Subscription.objects.filter(subscriber__email=email).values_list("kind", flat=True)
    )


def test_double_opt_in_then_a_replayed_link_changes_nothing(client, tree, mailbox):
    russia = tree.sections["en-russia"]
    page = subscribe(client, tree, daily="on", sections=[russia.id])
    assert page.status_code == 200 and "Check your mail" in page.content.decode()
    subscriber = Subscriber.objects.get(email=EMAIL)
    assert subscriber.confirmed_at is None and kinds() == []

    message = mailbox.last_to(EMAIL)
    assert "List-Unsubscribe" not in message  # nothing to unsubscribe from yet
    confirm = path_of(mailbox.link_to(EMAIL, "/en/subscribe/confirm/"))
    preview = client.get(confirm)  # mail scanners follow links: a GET changes nothing
    assert preview.status_code == 200 and "Russia" in preview.content.decode()
    assert kinds() == []
    assert client.post(confirm).status_code == 200
    assert kinds() == ["daily", "section"]
    assert Subscriber.objects.get(email=EMAIL).confirmed_at is not None

    replay = client.post(confirm)
    assert replay.status_code == 409
    assert "already been used" in replay.content.decode()
    assert kinds() == ["daily", "section"]


def test_the_form_shows_what_was_wrong_and_keeps_what_was_right(client, tree, mailbox):
    nothing = subscribe(client, tree)
    assert nothing.status_code == 400
    assert "Choose at least one" in nothing.content.decode()
    bad = client.post("/en/subscribe/", {"email": "not-an-address", "breaking": "on"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'value="not-an-address"' in html and 'name="breaking" id="id_breaking" checked' in html
    assert not Subscriber.objects.exists() and mailbox.messages() == []


def test_forged_and_expired_links_are_refused(client, tree, mailbox):
    subscribe(client, tree, breaking="on")
    confirm = path_of(mailbox.link_to(EMAIL, "/confirm/"))
    forged = confirm.replace("/confirm/", "/confirm/x")
    response = client.post(forged)
    assert response.status_code == 400 and "not valid" in response.content.decode()
    with mock.patch("django.core.signing.time.time", return_value=1_000_000_000):
        subscribe(client, tree, daily="on")  # a link made long ago
    old = path_of(mailbox.link_to(EMAIL, "/confirm/"))
    expired = client.post(old)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert kinds() == []


def test_preferences_by_signed_link_and_one_click_unsubscribe(tree, mailbox):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/subscribe/")
    token = page.cookies["csrftoken"].value
    client.post("/en/subscribe/", {"email": EMAIL, "daily": "on", "csrfmiddlewaretoken": token})
    confirm = path_of(mailbox.link_to(EMAIL, "/confirm/"))
    client.post(confirm, {"csrfmiddlewaretoken": token})
    assert client.get(confirm).status_code == 409  # used: a clear refusal

    subscriber = Subscriber.objects.get(email=EMAIL)
    preferences = f"/en/subscribe/preferences/{token_make(PREFERENCES, {'s': subscriber.pk})}/"
    assert client.get(preferences).status_code == 200
    client.post(
        preferences,
        {
            "breaking": "on",
            "sections": [tree.sections["en-world"].id],
            "csrfmiddlewaretoken": token,
        },
    )
    assert kinds() == ["breaking", "section"]

    unsubscribe = token_make(UNSUBSCRIBE, {"s": subscriber.pk, "k": "breaking"})
    one_click = f"/en/subscribe/unsubscribe/{unsubscribe}/"
    mail_client = Client(enforce_csrf_checks=True)  # a mail provider, with no cookie or token
    response = mail_client.post(
        one_click, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert kinds() == ["section"]


def test_someone_else_cannot_move_a_subscriber_to_another_edition(client, tree, mailbox):
    subscribe(client, tree, daily="on")
    client.post(path_of(mailbox.link_to(EMAIL, "/en/subscribe/confirm/")))
    client.post("/ru/subscribe/", {"email": EMAIL, "daily": "on"})  # not the owner's doing
    assert Subscriber.objects.get(email=EMAIL).language == "en"
    confirm = path_of(mailbox.link_to(EMAIL, "/ru/subscribe/confirm/"))  # the mail is in Russian
    client.post(confirm)  # the owner followed it: now they want Russian
    assert Subscriber.objects.get(email=EMAIL).language == "ru"
