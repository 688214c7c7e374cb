"""Two editors post to one live blog at once from the desk while two readers watch it:
every entry appears once, in order, for both readers without a reload, and a deleted entry
disappears."""

import time

import pytest
from django.contrib.auth.models import Group, User

from dateline.newsroom.models import LiveBlogEntry, LiveBlogPage, SectionPage
from dateline.newsroom.tests.factories import article_for_test

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(demo_database, asgi_server, settings):
    settings.DATELINE_LIVE_KEEPALIVE = 0.5
    return asgi_server


def desk_for(chromium, site, blog, name):
    user = User.objects.create_user(name.lower().replace(" ", "-"), password="pw", first_name=name)
    user.groups.add(Group.objects.get(name="Editors"))
    page = chromium.new_context().new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site}/admin/")
    page.goto(f"{site}/admin/liveblogs/{blog.pk}/desk/")
    return page


def shown(reader) -> list[str]:
    return reader.locator(".liveblog__entries .entry .entry__text").all_inner_texts()


def test_two_editors_post_at_once_and_two_readers_see_each_entry_once_in_order(site, chromium):
    section = SectionPage.objects.get(locale__language_code="en", slug="russia")
    blog = article_for_test(section, title="Storm hits the coast: live", model=LiveBlogPage)
    readers = [chromium.new_context().new_page() for _ in range(2)]
    for reader in readers:
        reader.goto(f"{site}{blog.url}")
        reader.locator(".liveblog__empty").wait_for()
    desks = [desk_for(chromium, site, blog, name) for name in ("Ana Desk", "Boris Desk")]
    latencies = []
    for round_ in range(3):
        for desk in desks:  # both post at once: neither waits for the other
            desk.fill("#id_text", f"Round {round_} from desk {desks.index(desk)}")
        started = time.monotonic()
        for desk in desks:
            desk.get_by_role("button", name="Post the entry").click(no_wait_after=True)
        for desk in desks:
            desk.wait_for_load_state()
        for reader in readers:
            for number in range(2):
                reader.locator(
                    ".entry__text", has_text=f"Round {round_} from desk {number}"
                ).wait_for(timeout=5000)
        latencies.append(time.monotonic() - started)
    expected = [
        entry.text.removeprefix("<p>").removesuffix("</p>")
        for entry in LiveBlogEntry.objects.filter(blog=blog).order_by("-posted_at", "-id")
    ]
    assert len(expected) == 6
    for reader in readers:
        assert shown(reader) == expected, "each entry once, latest first"
    # A deleted entry disappears from both.
    gone = LiveBlogEntry.objects.get(text="<p>Round 1 from desk 0</p>")
    desk = desks[0]
    desk.locator(f'tr[data-entry-id="{gone.pk}"]').get_by_role("button", name="Delete").click()
    desk.wait_for_load_state()
    for reader in readers:
        reader.locator(f'[data-entry-id="{gone.pk}"]').wait_for(state="detached", timeout=5000)
        assert shown(reader) == [text for text in expected if text != "Round 1 from desk 0"]
    print(f"\nlive blog: posted → shown to both readers in {max(latencies):.2f} s at most")
