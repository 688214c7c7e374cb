"""Requests reuse a few threads, and so their database connections."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.db.backends.signals import connection_created

from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REQUESTS = 40


def test_requests_reuse_their_threads_connections(asgi_server, settings):
    tree = edition_tree()
    article_for_test(tree.sections["en-russia"], title="Threads")
    opened = []

    def count(sender, connection, **kwargs):
        opened.append(connection.alias)

    connection_created.connect(count)
    try:
        with httpx.Client(timeout=30) as client:
            for number in range(REQUESTS):  # each a new address: none from the page cache
                assert client.get(f"{asgi_server}/en/search/?q=Threads+{number}").status_code == 200
    finally:
        connection_created.disconnect(count)
    # At most one per request thread, however many requests (one each before).
    assert len(opened) <= settings.DATELINE_REQUEST_THREADS < REQUESTS


def test_concurrent_requests_beyond_the_threads_all_get_their_page(asgi_server, settings):
    tree = edition_tree()
    article_for_test(tree.sections["en-russia"], title="Concurrent")
    clients = 3 * settings.DATELINE_REQUEST_THREADS

    def fetch(number: int) -> int:
        return httpx.get(f"{asgi_server}/en/search/?q=Concurrent+{number}", timeout=60).status_code

    with ThreadPoolExecutor(clients) as pool:
        assert set(pool.map(fetch, range(clients))) == {200}


def test_a_streamed_file_arrives_whole_and_every_request_is_finished(asgi_server):
    from django.contrib.staticfiles import finders
    from django.core.signals import request_finished

    finished = []

    def count(sender, **kwargs):
        finished.append(sender)

    stylesheet = finders.find("css/dateline.css")
    request_finished.connect(count)
    try:
        with httpx.Client(timeout=30) as client:
            for _ in range(3):  # a file response streams in chunks from its thread
                response = client.get(f"{asgi_server}/static/css/dateline.css")
                assert response.status_code == 200
                assert response.content == open(stylesheet, "rb").read()  # noqa: SIM115
        # Django learns each request's end (and closes the file) when its response is
        # closed, just after its last chunk went out.
        deadline = time.monotonic() + 5
        while len(finished) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        request_finished.disconnect(count)
    assert len(finished) == 3
