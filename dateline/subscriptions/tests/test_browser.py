"""A reader subscribes from the article's Subscribe button and confirms from the mail."""

from urllib.parse import urlsplit

import pytest

from dateline.subscriptions.models import Subscriber

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "/en/russia/lavrov-miliband-extradition/"


def test_subscribe_from_the_article_and_confirm_from_the_mail(
    demo_database, asgi_server, chromium, mailbox
):
    page = chromium.new_page()
    page.goto(f"{asgi_server}{SEED}")
    page.locator(".article__subscribe a").click()
    page.wait_for_url(f"{asgi_server}/en/subscribe/")
    page.fill("#id_email", "morning@example.org")
    page.get_by_label("The daily digest").check()
    page.get_by_label("Russia").check()
    page.locator("main form").get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your mail").wait_for(timeout=5000)

    link = urlsplit(mailbox.link_to("morning@example.org", "/en/subscribe/confirm/"))
    page.goto(f"{asgi_server}{link.path}")
    assert "Russia" in page.locator("main").inner_text()
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="You are subscribed").wait_for(timeout=5000)
    subscriber = Subscriber.objects.get(email="morning@example.org")
    assert subscriber.confirmed_at is not None
    assert sorted(subscriber.subscriptions.values_list("kind", flat=True)) == ["daily", "section"]
