"""Under an article: related stories (its story, then shared topics), only what the public
may read, and the page forgets them when one of them changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.newsroom.models import Story
from dateline.newsroom.selectors import article_context, edition_time_zone
from dateline.newsroom.services import article_unpublish
from dateline.newsroom.surrogate_keys import article_page_keys
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db


def written(section, title, *, minutes_ago, topic=None, **fields):
    article = article_for_test(
        section,
        title=title,
        published_at=timezone.now() - timedelta(minutes=minutes_ago),
        topics=0,
        **fields,
    )
    if topic:
        article.topics.add(topic)
        article.save()
    return article


@pytest.fixture
def reading():
    tree = edition_tree()
    russia, world = tree.sections["en-russia"], tree.sections["en-world"]
    story = Story.objects.create(title="Extradition row", locale=russia.locale)
    main = written(russia, "Main", minutes_ago=1, topic="Extradition", story=story)
    same_story = written(world, "Same story", minutes_ago=50, story=story)
    shared_topic = written(russia, "Shared topic", minutes_ago=5, topic="Extradition")
    unrelated = written(russia, "Unrelated", minutes_ago=2, topic="Football")
    draft = written(russia, "Draft on it", minutes_ago=3, topic="Extradition", live=False)
    russian = written(
        tree.sections["ru-russia"], "Другое издание", minutes_ago=4, topic="Extradition"
    )
    return main, same_story, shared_topic, unrelated, draft, russian


def test_the_story_first_then_shared_topics_and_only_what_readers_may_read(client, reading):
    main, *_ = reading
    html = client.get(main.url).content.decode()
    related = html.split('class="article__related"', 1)[1].split("</section>", 1)[0]
    assert "Related stories" in related
    assert related.index("Same story") < related.index("Shared topic")
    for absent in ("Unrelated", "Draft on it", "Другое издание", ">Main<"):
        assert absent not in related, absent


def test_the_page_is_forgotten_when_a_related_story_goes(
    client, reading, django_capture_on_commit_callbacks
):
    main, _same_story, shared_topic, *_ = reading
    # Seen first, so the page and its related stories are cached as readers get them.
    assert "Shared topic" in client.get(main.url).content.decode()
    context = article_context(article=main, time_zone=edition_time_zone(language_code="en"))
    assert f"page-{shared_topic.id}" in article_page_keys(main, context)
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=shared_topic)
    assert "Shared topic" not in client.get(main.url).content.decode()
