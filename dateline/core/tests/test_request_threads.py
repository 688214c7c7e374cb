"""Requests reuse a few threads, and so their database connections."""

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
