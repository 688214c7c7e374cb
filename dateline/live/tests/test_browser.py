"""A reader with the site open sees news arrive, and reads on into the next articles."""

import re
import time

import pytest

from dateline.live.selectors import page_views_total
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.services import article_publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "/en/russia/lavrov-miliband-extradition/"


@pytest.fixture
def site(demo_database, asgi_server, settings):
    settings.DATELINE_LIVE_KEEPALIVE = 0.5  # events published outside the server are polled for
    return asgi_server


def test_published_article_appears_in_the_open_newsfeed_without_reload(site, chromium):
    page = chromium.new_page()
    page.goto(f"{site}/en/")
    page.wait_for_timeout(500)  # the stream connects
    section = SectionPage.objects.get(locale__language_code="en", slug="world")
    draft = section.add_child(
        instance=ArticlePage(
            title="Live: ceasefire agreed",
            slug="live-ceasefire",
            lede="Just in.",
            urgency=1,
            locale_id=section.locale_id,
            live=False,
        )
    )
    started = time.monotonic()
    article_publish(article=draft)
    item = page.locator(".newsfeed__item", has_text="Live: ceasefire agreed")
    item.wait_for(timeout=2000)
    assert time.monotonic() - started < 2
    assert "newsfeed__item--breaking" in item.get_attribute("class")
    # The edition's 24-hour clock, as the server writes the items already there.
    assert re.fullmatch(r"\d\d:\d\d", item.locator("time").inner_text()), item.inner_text()
    assert page.locator(".newsfeed__item").first.inner_text().endswith("Live: ceasefire agreed")
    page.close()


def test_scrolling_past_the_seed_article_loads_the_next_two(site, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}{SEED}")
    seed = ArticlePage.objects.get(slug="lavrov-miliband-extradition", locale__language_code="en")
    expected = articles_after(seed, 2)
    for number, article in enumerate(expected, start=1):
        page.mouse.wheel(0, 20000)
        page.locator(f'article.article[data-article-id="{article.id}"]').wait_for(timeout=5000)
        page.locator(f'article.article[data-article-id="{article.id}"]').evaluate(
            "element => element.scrollIntoView({block: 'start'})"
        )
        # Polled from here: wait_for_function evaluates a string in the page, which the
        # page's Content-Security-Policy (no eval) forbids.
        wait_until(lambda a=article: page.evaluate("location.pathname") == a.url, timeout=5)
        assert article.title in page.title()
        assert page.locator("article.article").count() == number + 1
    for article in [seed, *expected]:  # one view each, sent as the reader reached it
        wait_until(lambda a=article: page_views_total(page_id=a.id) == 1)
    page.go_back()
    page.wait_for_timeout(500)
    assert page.evaluate("location.pathname") == expected[0].url, page.evaluate("history.length")
    page.close()


def wait_until(condition, timeout: float = 3) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def articles_after(article, count):
    following = []
    for _ in range(count):
        article = (
            ArticlePage.objects.live()
            .filter(locale_id=article.locale_id, first_published_at__lt=article.first_published_at)
            .order_by("-first_published_at", "-id")
            .first()
        )
        following.append(article)
    return following


def overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_reading_on_through_five_articles_keeps_the_layout_title_and_address(
    site, chromium, viewport
):
    width, height = viewport
    page = chromium.new_page(viewport={"width": width, "height": height})
    held = []  # the first fragment request waits, so that its loader can be seen
    page.route(
        "**/live/next/**", lambda route: held.append(route) if not held else route.continue_()
    )
    page.goto(f"{site}{SEED}")
    seed = ArticlePage.objects.get(slug="lavrov-miliband-extradition", locale__language_code="en")
    following = articles_after(seed, 6)  # five loaded, and the one the box names at the end
    page.mouse.wheel(0, 20000)
    for _ in range(100):  # Playwright calls the route handler while the test waits in it
        if held:
            break
        page.wait_for_timeout(50)
    loader = page.locator(".next-article__loading")
    assert loader.is_visible() and loader.inner_text() == "Loading the next article…"
    held[0].continue_()

    for number, article in enumerate(following[:5], start=1):
        shown = page.locator(f'article.article[data-article-id="{article.id}"]')
        shown.wait_for(timeout=5000)
        shown.evaluate("element => element.scrollIntoView({block: 'start'})")
        wait_until(lambda a=article: page.evaluate("location.pathname") == a.url, timeout=5)
        assert article.title in page.title()
        boxes = [a.bounding_box() for a in page.locator("article.article").all()]
        # A short article can bring the next one in at once: at least this many are shown.
        assert len(boxes) >= number + 1
        newsfeed = page.locator(".newsfeed").bounding_box()
        for i, box in enumerate(boxes):
            assert not overlap(box, newsfeed), f"article {i} is drawn over the newsfeed"
            assert box["x"] + box["width"] <= width, f"article {i} is wider than the screen"
            for other in boxes[i + 1 :]:
                assert not overlap(box, other)
        # The box names what comes after the last article shown, title and address alike
        # (read in one go, so that no article arrives between the count and the link).
        shown_now = page.evaluate(
            """() => {
                const link = document.querySelector(".next-article__link");
                return {
                    count: document.querySelectorAll("article.article").length,
                    visible: !!(link && link.offsetParent),
                    title: link ? link.innerText : "",
                    href: link ? link.getAttribute("href") : "",
                };
            }"""
        )
        expected_next = following[shown_now["count"] - 1]
        if shown_now["count"] <= 5 or shown_now["visible"]:
            assert shown_now["title"] == expected_next.title
            assert shown_now["href"] == expected_next.url
        page.mouse.wheel(0, 20000)
    loader.wait_for(state="hidden", timeout=5000)  # nothing more to load: no loader left
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
