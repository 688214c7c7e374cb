"""Two readers in one chat room see each other's messages as they are sent."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from dateline.chats.models import ChatMessage, ChatRoomPage
from dateline.demo.loader import READER, demo_password

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(demo_database, asgi_server):
    return asgi_server


def signed_in_page(chromium, site, email, password):
    page = chromium.new_context().new_page()
    page.goto(f"{site}/en/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("main form").get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_two_readers_in_a_room_see_each_others_messages(site, chromium):
    user = get_user_model().objects.create_user("olga", "olga@example.org", "olga-passphrase-9")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    room = ChatRoomPage.objects.get(locale__language_code="en", kind=ChatRoomPage.Kind.GENERAL)
    _, reader_email, _ = READER

    first = signed_in_page(chromium, site, reader_email, demo_password("reader"))
    second = signed_in_page(chromium, site, "olga@example.org", "olga-passphrase-9")
    for page in (first, second):
        page.goto(f"{site}{room.url}")
        page.locator(".chat-room__form:not([hidden])").wait_for(timeout=5000)

    # Presence in words, in the page's language: "2 readers here" (one while alone).
    presence = second.locator(".chat-room__present")
    assert re.fullmatch(r"[12] readers? here", presence.inner_text()), presence.inner_text()
    first.fill("#chat-body", "Hello from the demo reader")
    first.press("#chat-body", "Enter")
    second.locator(".chat-message", has_text="Hello from the demo reader").wait_for(timeout=3000)

    second.fill("#chat-body", "<b>Hi</b> back from Olga")
    second.press("#chat-body", "Enter")
    reply = first.locator(".chat-message", has_text="back from Olga")
    reply.wait_for(timeout=3000)
    assert "<b>Hi</b>" in reply.inner_text()  # markup arrives as text
    assert first.locator(".chat-message b").count() == 0
    assert ChatMessage.objects.filter(room=room).count() == 2

    anonymous = chromium.new_context().new_page()  # everyone may read
    anonymous.goto(f"{site}{room.url}")
    anonymous.locator(".chat-message", has_text="back from Olga").wait_for(timeout=3000)
    assert anonymous.locator(".chat-room__prompt").is_visible()
    russian = ChatRoomPage.objects.get(locale__language_code="ru", kind=ChatRoomPage.Kind.GENERAL)
    anonymous.goto(f"{site}{russian.url}")
    anonymous.locator(".chat-room__form").wait_for(state="attached", timeout=5000)
    present = anonymous.locator(".chat-room__present")
    present.filter(has_text="здесь").wait_for(timeout=5000)
    assert re.fullmatch(r"\d+ (читатель|читателя|читателей) здесь", present.inner_text())
