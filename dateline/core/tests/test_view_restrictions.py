"""A view restriction applies to its page and everything below it from the moment it is
saved, though the pages' check no longer reads the tree while nothing is restricted."""

import pytest
from wagtail.models import PageViewRestriction

from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def test_a_restriction_set_after_pages_were_served_applies_at_once(
    client, django_capture_on_commit_callbacks
):
    tree = edition_tree()
    section = tree.sections["en-russia"]
    article = article_for_test(section)
    assert client.get(article.url).status_code == 200  # nothing restricted, and known
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    for url in (section.url, article.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=section).delete()
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    assert client.get(section.url).status_code == 200
    response = client.get(article.url)
    assert response.status_code == 200 and b'name="password"' in response.content
    assert "no-cache" in response["Cache-Control"]  # the password form is never kept
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.all().delete()
    response = client.get(article.url)
    assert response.status_code == 200 and b'name="password"' not in response.content
