"""Anonymous pages are served from the cache until something is published."""

import httpx
import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from dateline.asgi import application
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests here go through Django's real ASGI handler, which closes connections it
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
