"""A reader signs up from an article, comes back to it, and comments; others see it live."""

from urllib.parse import urlsplit

import pytest

from dateline.comments.models import Comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "/en/russia/lavrov-miliband-extradition/"
EMAIL = "maria@example.org"
PASSWORD = "a long reader passphrase 7"


@pytest.fixture
def site(demo_database, asgi_server, settings):
    settings.DATELINE_LIVE_KEEPALIVE = 0.5
    return asgi_server


def test_a_new_reader_signs_up_and_comments_and_another_reader_sees_it(site, chromium, mailbox):
    watcher = chromium.new_context().new_page()
    watcher.goto(f"{site}{SEED}")
    watcher.locator(".comments__prompt").wait_for(timeout=5000)

    reader = chromium.new_context().new_page()
    reader.goto(f"{site}{SEED}")
    prompt = reader.locator(".comments__prompt")
    prompt.wait_for(timeout=5000)
    assert "To participate in the discussion" in prompt.inner_text()
    prompt.get_by_role("link", name="register").click()

    reader.fill("#id_email", EMAIL)
    reader.fill("#id_display_name", "Maria R.")
    reader.fill("#id_password1", PASSWORD)
    reader.fill("#id_password2", PASSWORD)
    reader.locator("main form").get_by_role("button", name="Sign Up").click()
    reader.wait_for_load_state()
    assert reader.locator(".comments__form").count() == 0, "not signed in before verifying"

    link = urlsplit(mailbox.link_to(EMAIL, "/en/accounts/confirm-email/"))
    reader.goto(f"{site}{link.path}")
    reader.get_by_role("button", name="Confirm").click()
    reader.wait_for_url(f"{site}{SEED}*", timeout=5000)  # back at the article it started from

    reader.locator("#comment-body").fill("First from Maria <script>alert(1)</script>")
    reader.get_by_role("button", name="Post comment").click()
    mine = reader.locator(".comment", has_text="First from Maria")
    mine.wait_for(timeout=5000)
    assert "Maria R." in mine.inner_text()

    seen = watcher.locator(".comment", has_text="First from Maria")
    seen.wait_for(timeout=5000)  # live, without reload
    assert "<script>alert(1)</script>" in seen.inner_text()  # shown as text, never run
    assert Comment.objects.get().author.email == EMAIL


def test_earlier_comments_load_above_the_latest(site, chromium, settings):
    from dateline.comments.services import comment_post
    from dateline.comments.tests.factories import reader_for_test
    from dateline.newsroom.models import ArticlePage

    settings.DATELINE_COMMENT_RATE_USER = settings.DATELINE_COMMENT_RATE_ADDRESS = "1000/m"
    article = ArticlePage.objects.get(
        slug="lavrov-miliband-extradition", locale__language_code="en"
    )
    reader = reader_for_test("Olga")
    for n in range(55):
        comment_post(author=reader, article=article, body=f"Remark {n}")
    page = chromium.new_page()
    page.goto(f"{site}{SEED}")
    comments = page.locator(".comments__list .comment")
    comments.first.wait_for(timeout=5000)
    assert comments.count() == 50
    assert comments.first.inner_text().find("Remark 5") >= 0
    page.get_by_role("link", name="Show earlier comments").click()
    page.locator(".comment", has_text="Remark 0").wait_for(timeout=5000)
    assert comments.count() == 55
    texts = [text.split("\n")[-1] for text in comments.all_inner_texts()]
    assert [t for t in texts if t.startswith("Remark")][:6] == [f"Remark {n}" for n in range(6)]
    assert page.get_by_role("link", name="Show earlier comments").count() == 0
    page.close()
