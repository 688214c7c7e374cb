"""Pages render in a number of queries that does not grow with the content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> tuple[int, int]:
    """Queries of a first (cold caches) and a second (warm caches) request."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    return counts[0], counts[1]


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
def test_query_count_does_not_grow_with_content(client, page, django_capture_on_commit_callbacks):
    counts = []
    for size in (1, 4):
        # As after a real commit, the rebuilt tree makes cached reads and fragments stale.
        with django_capture_on_commit_callbacks(execute=True):
            _, articles = build(size)
        url = {"home": "/en/", "section": "/en/russia/", "article": articles[1].url}[page]
        counts.append(queries_for(client, url))
    (cold_small, warm_small), (cold_large, warm_large) = counts
    assert cold_small == cold_large, counts
    assert warm_small == warm_large, counts
    assert warm_small <= {"home": 4, "section": 4, "article": 4}[page], counts
