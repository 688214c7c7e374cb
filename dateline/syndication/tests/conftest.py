"""A small edition with every kind of article an outward channel must tell apart."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree, photo_for_test

DRAFT = "Draft nobody may see"
SCHEDULED = "Scheduled for tomorrow"


@dataclass
class Newsroom:
    tree: object
    published: list[ArticlePage]
    with_photo: ArticlePage
    draft: ArticlePage
    scheduled: ArticlePage


@pytest.fixture
def newsroom(db) -> Newsroom:
    tree = edition_tree()
    russia = tree.sections["en-russia"]
    with_photo = article_for_test(
        russia,
        title="Lavrov & Miliband discuss <extradition>",
        photo=photo_for_test(caption="Sergei Lavrov", creator="Eduard Pesov"),
        authors=2,
        topics=2,
    )
    published = [with_photo, *(article_for_test(russia) for _ in range(3))]
    published.append(article_for_test(tree.sections["en-world"], title="World news today"))
    draft = article_for_test(russia, title=DRAFT, live=False)
    scheduled = article_for_test(russia, title=SCHEDULED, live=False)
    article_publish(article=scheduled, go_live_at=timezone.now() + timedelta(days=1))
    return Newsroom(tree, published, with_photo, draft, scheduled)
