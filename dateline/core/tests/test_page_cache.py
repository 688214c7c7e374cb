"""Anonymous pages are served from the cache until what they show changes; one request
renders a page while the others wait for it or get the stale copy."""

import asyncio

import httpx
import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from dateline.asgi import application
from dateline.newsroom.models import SectionPage
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests here go through Django's real request handler, which closes connections it
    deems stale at each request; inside a test's transaction that would close the test's
    own connection. Django's test client stands these handlers aside the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def get(path: str, **headers: str) -> httpx.Response:
    async def request() -> httpx.Response:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://localhost:8000"
        ) as client:
            return await client.get(path, headers=headers)

    return async_to_sync(request)()


def get_at_once(path: str, readers: int) -> list[httpx.Response]:
    """`readers` requests for `path` arriving together, as in a burst of traffic."""

    async def requests() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://localhost:8000"
        ) as client:
            return await asyncio.gather(*(client.get(path) for _ in range(readers)))

    return async_to_sync(requests)()


@pytest.fixture
def article():
    tree = edition_tree()
    return article_for_test(tree.sections["en-russia"], title="Cached story")


def test_second_anonymous_request_is_a_cache_hit(article):
    first = get(article.url)
    assert first.status_code == 200
    assert "x-cache" not in first.headers
    assert "public" in first.headers["cache-control"]
    second = get(article.url)
    assert second.headers["x-cache"] == "hit"
    assert second.text == first.text
    assert second.headers["content-language"] == "en"


def test_publishing_forgets_cached_pages(article, django_capture_on_commit_callbacks):
    get("/en/russia/")
    assert get("/en/russia/").headers.get("x-cache") == "hit"
    draft = article_for_test(article.get_parent().specific, title="Fresh story", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft)
    fresh = get("/en/russia/")
    assert "x-cache" not in fresh.headers
    assert "Fresh story" in fresh.text


def test_signed_in_readers_bypass_the_cache(article):
    get(article.url)
    response = get(article.url, cookie="sessionid=abc")
    assert "x-cache" not in response.headers


def test_pages_that_set_cookies_are_not_cached(article):
    get("/en/accounts/login/")
    response = get("/en/accounts/login/")
    assert "x-cache" not in response.headers
    assert "public" not in response.headers.get("cache-control", "")


def test_not_found_is_not_cached(article):
    get("/en/missing/")
    assert "x-cache" not in get("/en/missing/").headers


def test_publishing_keeps_pages_that_do_not_show_the_change(
    article, django_capture_on_commit_callbacks
):
    world = SectionPage.objects.get(slug="world", locale__language_code="en")
    other_section = article_for_test(world, title="Elsewhere")
    for path in (article.url, other_section.url, "/en/russia/"):
        get(path)
    draft = article_for_test(article.get_parent().specific, title="Fresh story", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft)
    assert get(other_section.url).headers.get("x-cache") == "hit"
    section = get("/en/russia/")
    assert "x-cache" not in section.headers and "Fresh story" in section.text


def test_an_unpublished_article_is_never_served_from_the_cache(
    article, django_capture_on_commit_callbacks
):
    get(article.url)
    assert get(article.url).headers["x-cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article)
    responses = get_at_once(article.url, 8)
    assert [r.status_code for r in responses] == [404] * 8
    assert all(r.headers.get("x-cache") != "stale" for r in responses)


def test_readers_arriving_together_share_one_render(article):
    responses = get_at_once(article.url, 12)
    assert {r.status_code for r in responses} == {200}
    how = sorted(r.headers.get("x-cache", "rendered") for r in responses)
    assert how == ["rendered"] + ["shared"] * 11
    assert len({r.text for r in responses}) == 1


def test_after_a_publish_one_reader_renders_and_the_others_get_the_stale_page(
    article, django_capture_on_commit_callbacks
):
    get("/en/russia/")
    draft = article_for_test(article.get_parent().specific, title="Fresh story", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft)
    responses = get_at_once("/en/russia/", 10)
    rendered = [r for r in responses if "x-cache" not in r.headers]
    stale = [r for r in responses if r.headers.get("x-cache") == "stale"]
    assert len(rendered) == 1 and len(stale) == 9
    assert "Fresh story" in rendered[0].text
    assert "Fresh story" not in stale[0].text
    assert get("/en/russia/").headers["x-cache"] == "hit"


def test_surrogate_keys_stay_inside_the_server(article):
    first, second = get(article.url), get(article.url)
    assert "xkey" not in first.headers and "xkey" not in second.headers


def test_a_cached_feed_answers_a_client_that_has_it_with_a_304(article):
    first = get("/en/feeds/rss/")
    assert first.status_code == 200 and "x-cache" not in first.headers
    assert get("/en/feeds/rss/").headers["x-cache"] == "hit"
    for validator in (
        {"if-none-match": first.headers["etag"]},
        {"if-modified-since": first.headers["last-modified"]},
    ):
        again = get("/en/feeds/rss/", **validator)
        assert again.status_code == 304, validator
        assert again.headers["x-cache"] == "hit" and again.content == b""
        assert again.headers["etag"] == first.headers["etag"]
    older = get("/en/feeds/rss/", **{"if-none-match": '"something-else"'})
    assert older.status_code == 200 and older.content == first.content
    # Pages without validators are whole every time.
    get(article.url)
    page = get(article.url, **{"if-modified-since": first.headers["last-modified"]})
    assert page.status_code == 200 and page.headers["x-cache"] == "hit"


def test_kept_pages_go_compressed_to_readers_who_accept_it(article):
    first = get(article.url, **{"accept-encoding": "gzip"})
    assert "content-encoding" not in first.headers  # rendered now, sent as rendered
    packed = get(article.url, **{"accept-encoding": "gzip, deflate, br"})
    assert packed.headers["x-cache"] == "hit"
    assert packed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["vary"]
    assert packed.text == first.text  # httpx unpacks it
    assert int(packed.headers["content-length"]) < len(first.content) / 2
    plain = get(article.url, **{"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == first.content
    assert "Accept-Encoding" in plain.headers["vary"]
    # Weights: any above zero accepts, zero refuses (RFC 9110 §12.5.3).
    for asked, zipped in (
        ("gzip;q=0.5, identity", True),
        ("br, gzip ; q=0.8", True),
        ("gzip;q=0", False),
        ("gzip;q=0.000, identity", False),
        ("gzip;q=nonsense", False),
    ):
        answer = get(article.url, **{"accept-encoding": asked})
        assert (answer.headers.get("content-encoding") == "gzip") is zipped, asked
    # A feed's validators still answer for either form.
    for number in range(5):
        article_for_test(article.get_parent().specific, title=f"Filler {number}")
    feed = get("/en/feeds/rss/")
    zipped = get("/en/feeds/rss/", **{"accept-encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["etag"] == "W/" + feed.headers["etag"].removeprefix("W/")
    assert get("/en/feeds/rss/", **{"if-none-match": zipped.headers["etag"]}).status_code == 304


def test_a_kept_page_follows_its_translation_being_published_and_withdrawn(
    article, django_capture_on_commit_callbacks
):
    """The language switch and the hreflang alternates name the translation once it is
    published, and stop naming it once it is withdrawn: the kept page is forgotten both times."""
    tree_ru = SectionPage.objects.get(locale__language_code="ru", slug="russia")
    russian = article_for_test(
        tree_ru, title="Переведённая", live=False, translation_key=article.translation_key
    )
    get(article.url)
    assert get(article.url).headers["x-cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=russian)
    russian.refresh_from_db()
    published = get(article.url)
    assert "x-cache" not in published.headers
    assert f'href="{russian.url}" hreflang="ru"' in published.text
    assert 'rel="alternate" hreflang="ru"' in published.text
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=russian)
    withdrawn = get(article.url)
    assert russian.url not in withdrawn.text
    assert 'href="/ru/" hreflang="ru"' in withdrawn.text
