"""Queries whose cost must not grow with the archive read through an index; checked with
the database's own EXPLAIN.

SQLite plans by rules where it has no statistics, so the query the site runs is checked
whole. PostgreSQL plans by the costs of the test's few rows, which favour whatever join
is cheapest for one row; there the page table's part of the query is checked alone,
with scans and sorts forbidden: the index must serve it, in order.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from dateline.newsroom.routing import page_route
from dateline.newsroom.selectors import edition_chrome, edition_latest_by_section
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def plan_of(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # Neither a scan nor a sort: a sort of one row costs nothing, so the planner
        # would take any index and sort, where the archive needs the ordered one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def site_or_table_plan(site_sql: str, table_query) -> str:
    """The plan of the query the site ran (SQLite), or of its page-table part (PostgreSQL)."""
    if connection.vendor == "sqlite":
        return plan_of(site_sql)  # as Django logged it, its values quoted in
    return plan_of(*table_query.query.sql_with_params())


def test_an_article_is_found_by_its_address_through_the_url_path_index():
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Indexed")
    path = article.url_path.removeprefix(tree.homes["en"].url_path)
    edition_chrome(language_code="en")  # cached first: the route's own query is left
    with CaptureQueriesContext(connection) as queries:
        route = page_route(language_code="en", path=path)
    assert route.page.pk == article.pk
    found = [q["sql"] for q in queries.captured_queries]
    [sql] = [q for q in found if "url_path" in q.split("WHERE")[-1]]
    table = Page.objects.filter(url_path=article.url_path).order_by().values("id")
    plan = site_or_table_plan(sql, table)
    assert "newsroom_page_url_path" in plan, plan


def test_the_newest_articles_of_an_edition_are_read_from_its_newest_first_index():
    tree = edition_tree()
    for section in ("en-russia", "en-world"):
        article_for_test(tree.sections[section], title=f"Newest in {section}")
    with CaptureQueriesContext(connection) as queries:
        latest = edition_latest_by_section(edition=tree.homes["en"])
    assert [len(articles) for _section, articles in latest] == [1, 1]
    found = [q["sql"] for q in queries.captured_queries]
    [sql] = [q for q in found if "ORDER BY" in q and "IN (" in q]
    table = (
        Page.objects.filter(locale_id=tree.homes["en"].locale_id)
        .order_by("-first_published_at", "-id")
        .values("id")[:4]
    )
    plan = site_or_table_plan(sql, table)
    assert "newsroom_page_locale_published" in plan, plan
