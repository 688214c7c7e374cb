"""Concurrent publishers, in threads and in processes: every reader gets every committed
event exactly once, in id order, whatever order the publishes commit in."""

import threading
import time

import pytest
from django.db import connection, transaction

from dateline.live.models import NewsEvent
from dateline.live.tests.sse import Collector, EventStream
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLISH = """
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
for article in ArticlePage.objects.filter(title__startswith="{batch} ").order_by("id"):
    article_publish(article=article)
"""


@pytest.fixture
def server(asgi_server, settings):
    settings.DATELINE_LIVE_KEEPALIVE = 1
    settings.DATELINE_LIVE_POLL = 0.05
    return asgi_server


def latest_id() -> int:
    return NewsEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_an_event_that_commits_after_a_later_one_is_still_delivered(server):
    section = edition_tree().sections["en-russia"]
    slow = article_for_test(section, title="Slow commit", live=False)
    fast = article_for_test(section, title="Fast commit", live=False)
    start = latest_id()
    holding = threading.Event()

    def publish_slowly() -> None:
        try:
            with transaction.atomic():
                article_publish(article=slow)  # its event takes the smaller id
                holding.set()
                time.sleep(1.0)  # the watcher polls many times meanwhile
        finally:
            connection.close()

    def publish_fast() -> None:
        try:
            article_publish(article=fast)
        finally:
            connection.close()

    with EventStream(f"{server}/en/live/newsfeed/?last_event_id={start}") as stream:
        first = threading.Thread(target=publish_slowly)
        first.start()
        assert holding.wait(10)
        second = threading.Thread(target=publish_fast)
        second.start()
        second.join(30)
        first.join(30)
        received = [stream.next(within=10), stream.next(within=10)]
    committed = list(NewsEvent.objects.filter(id__gt=start).order_by("id"))
    assert [e.id for e in received] == [e.id for e in committed]
    assert {e.data["headline"] for e in received} == {"Slow commit", "Fast commit"}


def test_two_processes_publishing_at_once_reach_every_reader_once_in_order(server, manage_py):
    section = edition_tree().sections["en-russia"]
    per_process = 12
    for batch in ("Alpha", "Bravo"):
        for number in range(per_process):
            article_for_test(section, title=f"{batch} {number}", live=False)
    start = latest_id()
    expected = 2 * per_process
    readers = [
        Collector(f"{server}/en/live/newsfeed/?last_event_id={start}", expected).start()
        for _ in range(20)
    ]
    for reader in readers:
        assert reader.connected.wait(20)
    publishers = [
        manage_py("shell", "-c", PUBLISH.format(batch=batch), background=True)
        for batch in ("Alpha", "Bravo")
    ]
    for publisher in publishers:
        assert publisher.wait(120) == 0
    committed = list(
        NewsEvent.objects.filter(id__gt=start).order_by("id").values_list("id", flat=True)
    )
    assert len(committed) == expected
    assert ArticlePage.objects.live().filter(title__regex=r"^(Alpha|Bravo) ").count() == expected
    for reader in readers:
        assert [event.id for event in reader.join()] == committed
