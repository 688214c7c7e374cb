"""The newsfeed stream read from the real server, as a browser's EventSource reads it."""

import asyncio

import httpx
import pytest
from asgiref.sync import async_to_sync, sync_to_async

from dateline.live.models import NewsEvent
from dateline.live.outbox import outbox_watcher
from dateline.live.streams import newsfeed_events
from dateline.live.tests.sse import EventStream
from dateline.newsroom.services import article_publish, article_unpublish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def publish(section, title):
    article = article_for_test(section, title=title, live=False)
    article_publish(article=article)
    article.refresh_from_db()
    return article, NewsEvent.objects.order_by("-id").first()


def test_stream_replays_from_last_event_id_then_goes_live(server):
    section = edition_tree().sections["en-russia"]
    _article, first = publish(section, "First story")
    _article, second = publish(section, "Second story")
    url = f"{server}/en/live/newsfeed/"
    with EventStream(url, headers={"Last-Event-ID": str(first.id)}) as stream:
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        assert stream.response.headers["cache-control"] == "no-cache, no-transform"
        replayed = stream.next()
        assert (replayed.id, replayed.kind) == (second.id, "published")
        assert replayed.data["headline"] == "Second story"
        _article, third = publish(section, "Third story")
        live = stream.next()
        assert (live.id, live.data["headline"]) == (third.id, "Third story")


def test_a_section_stream_gets_its_own_section_only(server):
    tree = edition_tree()
    url = f"{server}/en/live/newsfeed/?section={tree.sections['en-russia'].id}"
    with EventStream(url) as stream:
        publish(tree.sections["en-world"], "Elsewhere")
        _article, here = publish(tree.sections["en-russia"], "Here")
        assert stream.next().id == here.id


def test_a_withdrawal_names_the_page_only_and_replays_drop_what_was_withdrawn(server):
    section = edition_tree().sections["en-russia"]
    start = NewsEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    article, _event = publish(section, "Soon withdrawn")
    with EventStream(f"{server}/en/live/newsfeed/?last_event_id={start}") as stream:
        assert stream.next().data["headline"] == "Soon withdrawn"
        article_unpublish(article=article)
        withdrawn = stream.next()
        assert withdrawn.kind == "unpublished"
        assert withdrawn.data["page"] == article.id
        assert not withdrawn.data["headline"] and not withdrawn.data["url"]
    # A reader arriving later is not told the headline at all.
    with EventStream(f"{server}/en/live/newsfeed/?last_event_id={start}") as stream:
        assert stream.next().kind == "unpublished"


@pytest.mark.parametrize(
    "query",
    [
        "last_event_id=abc",
        "last_event_id=-1",
        "last_event_id=%D9%A3",  # an Arabic-Indic digit is not an id
        f"last_event_id={2**63}",
        f"section={10**30}",
        f"article={2**64}",
    ],
)
def test_bad_ids_are_a_clear_400(server, query):
    edition_tree()
    response = httpx.get(f"{server}/en/live/newsfeed/?{query}", timeout=10)
    assert response.status_code == 400
    assert "whole numbers" in response.text


def test_only_get_is_allowed(server):
    edition_tree()
    assert httpx.post(f"{server}/en/live/newsfeed/", timeout=10).status_code == 405


def test_a_reader_who_stops_taking_events_is_dropped(settings):
    settings.DATELINE_LIVE_POLL = 0.05
    async_to_sync(_slow_reader_dropped)()


async def _slow_reader_dropped():
    tree = await sync_to_async(edition_tree)()
    section = tree.sections["en-russia"]
    stream = newsfeed_events(
        locale_id=section.locale_id, section_id=None, last_id=None, keepalive=5, buffer_size=2
    )
    assert (await anext(stream)).startswith("retry:")
    # The reader takes nothing while five events arrive: two fit its buffer.
    for number in range(1, 6):
        await sync_to_async(publish)(section, f"Flash {number}")
    await asyncio.sleep(0.5)
    # The stream ends at once (the browser reconnects and is replayed from its last id),
    # and the reader's place at the watcher is gone.
    assert [chunk async for chunk in stream] == []
    assert outbox_watcher().subscriptions == {}


def _database_sessions() -> int | None:
    """Open sessions on this test's PostgreSQL database (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_open_streams_hold_no_thread_and_no_connection(server):
    import threading

    section = edition_tree().sections["en-russia"]
    with EventStream(f"{server}/en/live/newsfeed/") as warm:  # the watcher is running
        publish(section, "Warming up")
        warm.next()
        threads, sessions = threading.active_count(), _database_sessions()
        streams = [EventStream(f"{server}/en/live/newsfeed/") for _ in range(40)]
        try:
            assert threading.active_count() - threads <= 2  # not one per stream
            if sessions is not None:
                assert _database_sessions() - sessions <= 1  # not one per stream
            _article, event = publish(section, "To all forty")
            assert all(stream.next().id == event.id for stream in streams)
        finally:
            for stream in streams:
                stream.close()


def test_a_reader_after_an_idle_spell_starts_at_the_newest_event(settings):
    settings.DATELINE_LIVE_POLL = 0.05
    async_to_sync(_after_idle)()


async def _after_idle():
    tree = await sync_to_async(edition_tree)()
    section = tree.sections["en-russia"]
    options = {"locale_id": section.locale_id, "section_id": None, "keepalive": 5}
    first = newsfeed_events(last_id=None, buffer_size=10, **options)
    assert (await anext(first)).startswith("retry:")
    await first.aclose()  # nobody reads now
    for number in range(3):
        await sync_to_async(publish)(section, f"While nobody read {number}")
    later = newsfeed_events(last_id=None, buffer_size=10, **options)
    assert (await anext(later)).startswith("retry:")
    await sync_to_async(publish)(section, "Once somebody reads")
    event = await asyncio.wait_for(anext(later), 5)
    assert "Once somebody reads" in event
    await later.aclose()
