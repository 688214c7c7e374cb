"""Feeds, sitemaps and the API answer in a number of queries that does not grow with the
number of articles they list."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test
from dateline.syndication.services import api_key_create

pytestmark = pytest.mark.django_db

URLS = [
    "/en/feeds/rss/",
    "/en/feeds/atom/",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/api/ninjs/items/",
]


def warm_queries(client, url, key):
    client.get(url, HTTP_X_API_KEY=key)  # renditions are made on the first request
    cache.clear()  # the sitemaps' page cache would answer without a query
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_X_API_KEY=key)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_articles(client, url):
    tree = edition_tree()
    photo = photo_for_test()
    _record, key = api_key_create(name="Partner")
    counts = []
    for size in (2, 6):
        for _ in range(size):
            article_for_test(tree.sections["en-russia"], authors=2, topics=2, photo=photo)
        counts.append(warm_queries(client, url, key))
    assert counts[0] == counts[1] > 0, counts
