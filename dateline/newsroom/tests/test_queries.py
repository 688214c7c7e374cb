"""Pages render in a number of queries that does not grow with the content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # warm the edition chrome, newsfeed and rendition caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def build(size: int):
    tree = edition_tree()
    photo = photo_for_test()
    articles = [
        article_for_test(
            tree.sections[section], paragraphs=size, authors=min(size, 4), topics=size, photo=photo
        )
        for section in ("en-russia", "en-world")
        for _ in range(size * 3)
    ]
    return tree, articles


@pytest.mark.parametrize("page", ["home", "section", "article"])
def test_query_count_does_not_grow_with_content(client, page, django_db_blocker):
    counts = []
    for size in (1, 4):
        _, articles = build(size)
        url = {"home": "/en/", "section": "/en/russia/", "article": articles[1].url}[page]
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts
    assert counts[0] <= {"home": 8, "section": 8, "article": 6}[page], counts
