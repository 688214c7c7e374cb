"""The archive generator lays its articles out as Wagtail's tree would: every surface sees
them as published articles, and the tree stays consistent run after run."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from dateline.newsroom.models import ArticlePage
from dateline.newsroom.selectors import section_articles
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def test_generated_articles_are_published_pages_of_a_consistent_tree():
    tree = edition_tree()
    newest = article_for_test(tree.sections["en-russia"], title="Model story")
    call_command("generate_archive", "30", verbosity=0)
    call_command("generate_archive", "10", verbosity=0)  # carries on after the last child
    assert Page.find_problems() == ([], [], [], [], [])
    archive = ArticlePage.objects.filter(title__startswith="Model story (archive")
    assert archive.count() == 40
    assert all(a.first_published_at < newest.first_published_at for a in archive)
    client = Client(HTTP_HOST="localhost")
    oldest = archive.order_by("first_published_at").first()
    page = client.get(oldest.url)
    assert page.status_code == 200 and oldest.title in page.text
    assert archive.values("url_path").distinct().count() == 40
    assert [b.author_id for b in oldest.bylines.all()] == [
        b.author_id for b in newest.bylines.all()
    ]
    listed = section_articles(section=tree.sections["en-russia"], page=1).items
    assert listed[0].pk == newest.pk and len(listed) == 20
    found = client.get("/en/search/", {"q": "archive"})
    assert "Model story (archive" in found.text


def test_an_edition_without_articles_is_refused_with_a_clear_error():
    edition_tree()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="needs a section and an article"):
        call_command("generate_archive", "5", verbosity=0)
