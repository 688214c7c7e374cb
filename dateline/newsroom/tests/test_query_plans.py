"""Queries whose cost must not grow with the archive read through an index; checked with
the database's own EXPLAIN, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.routing import page_route
from dateline.newsroom.selectors import edition_latest_by_section
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def plan_of(sql: str) -> str:
    """The plan of a query Django ran (`sql` as Django logged it, its values quoted in)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # A test's few rows are cheaper to scan, or to reach from the other table of a
        # join: ask which index serves the query when neither shortcut is allowed.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_an_article_is_found_by_its_address_through_the_url_path_index():
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Indexed")
    path = article.url_path.removeprefix(tree.homes["en"].url_path)
    page_route(language_code="en", path=path)  # the edition chrome is cached first
    with CaptureQueriesContext(connection) as queries:
        route = page_route(language_code="en", path=path)
    assert route.page.pk == article.pk
    found = [q["sql"] for q in queries.captured_queries]
    [sql] = [q for q in found if "url_path" in q.split("WHERE")[-1]]
    assert "newsroom_page_url_path" in plan_of(sql), plan_of(sql)


def test_the_newest_articles_of_an_edition_are_read_from_its_newest_first_index():
    tree = edition_tree()
    for section in ("en-russia", "en-world"):
        article_for_test(tree.sections[section], title=f"Newest in {section}")
    with CaptureQueriesContext(connection) as queries:
        latest = edition_latest_by_section(edition=tree.homes["en"])
    assert [len(articles) for _section, articles in latest] == [1, 1]
    [sql] = [
        q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "IN (" in q["sql"]
    ]
    assert "newsroom_page_locale_published" in plan_of(sql), plan_of(sql)
