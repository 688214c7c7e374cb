"""The newsfeed stream read from the real endpoint, as a browser's EventSource would."""

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.test import AsyncClient

from dateline.live.models import NewsEvent
from dateline.live.services import news_event_broadcast, newsfeed_group
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def read_event(stream, timeout: float = 5) -> str:
    """The next chunk that is an event (keep-alives and the retry hint are skipped)."""
    while True:
        chunk = await asyncio.wait_for(anext(stream), timeout)
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        if text.startswith("id:"):
            return text


def publish(section, title):
    article = article_for_test(section, title=title, live=False)
    article_publish(article=article)
    return NewsEvent.objects.order_by("-id").first()


def test_stream_replays_from_last_event_id_then_goes_live():
    async_to_sync(_replay_then_live)()


async def _replay_then_live():
    tree = await sync_to_async(edition_tree)()
    section = tree.sections["en-russia"]
    first = await sync_to_async(publish)(section, "First story")
    second = await sync_to_async(publish)(section, "Second story")

    response = await AsyncClient().get(
        "/en/live/newsfeed/", headers={"Last-Event-ID": str(first.id)}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    assert response["Cache-Control"] == "no-cache, no-transform"
    stream = aiter(response.streaming_content)
    replayed = await read_event(stream)
    assert f"id: {second.id}\nevent: published\n" in replayed
    assert "Second story" in replayed and "First story" not in replayed

    third = await sync_to_async(publish)(section, "Third story")
    await sync_to_async(news_event_broadcast)(event=third)  # what the commit hook does
    live = await read_event(stream)
    assert f"id: {third.id}" in live and "Third story" in live
    await stream.aclose()  # the reader goes away: the stream's task ends


def test_bad_event_id_is_a_clear_400():
    async_to_sync(_bad_event_id)()


async def _bad_event_id():
    await sync_to_async(edition_tree)()
    response = await AsyncClient().get("/en/live/newsfeed/", headers={"Last-Event-ID": "abc"})
    assert response.status_code == 400
    assert b"whole numbers" in response.content


def test_a_reader_who_stops_taking_events_is_dropped(settings):
    settings.DATELINE_LIVE_CLIENT_BUFFER = 2
    async_to_sync(_slow_reader_dropped)()


async def _slow_reader_dropped():
    tree = await sync_to_async(edition_tree)()
    locale_id = tree.sections["en-russia"].locale_id
    response = await AsyncClient().get("/en/live/newsfeed/")
    stream = aiter(response.streaming_content)
    assert (await anext(stream)).startswith(b"retry:")
    # The reader takes nothing while five events arrive: two fit its buffer.
    for number in range(1, 6):
        event = NewsEvent(
            id=10_000 + number,
            locale_id=locale_id,
            kind="published",
            page_key=number,
            headline=f"Flash {number}",
            urgency=4,
        )
        await sync_to_async(news_event_broadcast)(event=event)
    await asyncio.sleep(0.2)
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(anext(stream), 5)
    layer = get_channel_layer()
    assert not layer.groups.get(newsfeed_group(locale_id)), "the dropped reader left its group"
