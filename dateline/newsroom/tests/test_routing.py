"""The shortcut through Wagtail's routing: a page found is kept until the site changes,
an address that names nothing is never kept."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dateline.newsroom.routing import page_route
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # on commit


def route_queries(path: str) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        route = page_route(language_code="en", path=path)
    return route, len(queries.captured_queries)


def test_a_found_page_is_kept_until_the_site_changes():
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Kept route")
    path = article.url_path.removeprefix(tree.homes["en"].url_path)
    first, _ = route_queries(path)
    again, queries = route_queries(path)
    assert first.page.pk == again.page.pk == article.pk
    assert queries == 0

    article_unpublish(article=article)
    assert route_queries(path)[0] is None
    assert Client().get(article.url).status_code == 404


def test_a_new_address_or_a_restriction_reaches_a_kept_route():
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Renamed")
    old = article.url
    assert Client().get(old).status_code == 200  # its route is kept now
    article.slug = "renamed-later"
    article_publish(article=article)
    article.refresh_from_db()
    assert article.url == "/en/russia/renamed-later/"
    moved = Client().get(old)  # not the kept page: Wagtail's redirect to the new address
    assert (moved.status_code, moved["Location"]) == (301, article.url)
    assert Client().get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(article.url).status_code == 302  # to sign in, not the kept page


def test_an_address_that_names_nothing_is_asked_every_time():
    edition_tree()
    route_queries("russia/guessed/")
    route, queries = route_queries("russia/guessed/")
    assert route is None and queries == 1
