"""The newsfeed as Server-Sent Events: replay from the outbox, then live from the layer."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from dateline.live.selectors import news_event_latest_id, news_events_since
from dateline.live.services import newsfeed_group

logger = logging.getLogger(__name__)

RETRY_MILLISECONDS = 3000


def sse(event: dict[str, Any]) -> str:
    data = json.dumps(event, ensure_ascii=False)
    return f"id: {event['id']}\nevent: {event['kind']}\ndata: {data}\n\n"


def notice(envelope: dict[str, Any]) -> str:
    data = json.dumps(envelope.get("data", {}), ensure_ascii=False)
    return f"event: {envelope['sse_event']}\ndata: {data}\n\n"


async def newsfeed_events(
    *,
    locale_id: int,
    section_id: int | None,
    last_id: int | None,
    keepalive: float,
    buffer_size: int,
    extra_groups: tuple[str, ...] = (),
) -> AsyncIterator[str]:
    """Yield SSE messages until the reader goes away (the ASGI server cancels us then).

    The stream joins the group before reading the outbox, so nothing published in
    between is lost; ids already sent are skipped. Events wait for the reader in a
    buffer of `buffer_size`: a reader who lets it fill (a stalled connection) is dropped
    rather than held in memory, and its browser reconnects with Last-Event-ID and
    replays what it missed. Events from other processes on an in-memory layer are
    picked up from the outbox at each keep-alive.

    `extra_groups` carry other live notices for the same page (an article's comments),
    so that one connection serves it: their messages name their own SSE `event` and
    carry no id, leaving the newsfeed's Last-Event-ID as it is.
    """
    layer = get_channel_layer()
    channel = await layer.new_channel()
    groups = (newsfeed_group(locale_id), *extra_groups)
    for group in groups:
        await layer.group_add(group, channel)
    buffer: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=buffer_size)
    overflowed = asyncio.Event()
    pump = asyncio.create_task(_pump(layer, channel, buffer, overflowed))
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        if last_id is None:
            last_id = await sync_to_async(news_event_latest_id)(locale_id=locale_id)
        for message in await _missed(locale_id, section_id, last_id):
            yield sse(message)
            last_id = message["id"]
        while not overflowed.is_set():
            try:
                envelope = await asyncio.wait_for(buffer.get(), keepalive)
            except TimeoutError:
                yield ": keep-alive\n\n"
                latest = await sync_to_async(news_event_latest_id)(locale_id=locale_id)
                if latest > last_id:
                    for message in await _missed(locale_id, section_id, last_id):
                        yield sse(message)
                        last_id = message["id"]
                continue
            if "sse_event" in envelope:
                yield notice(envelope)
                continue
            message = envelope["event"]
            if message["id"] <= last_id:
                continue
            if section_id is not None and message["section"] != section_id:
                last_id = message["id"]
                continue
            yield sse(message)
            last_id = message["id"]
        logger.info("Newsfeed reader dropped: %s events waiting", buffer_size)
    finally:
        pump.cancel()
        for group in groups:
            await layer.group_discard(group, channel)


async def _pump(
    layer: Any, channel: str, buffer: asyncio.Queue[dict[str, Any]], overflowed: asyncio.Event
) -> None:
    """Move messages from the layer into the reader's buffer until it overflows."""
    while True:
        envelope = await layer.receive(channel)
        try:
            buffer.put_nowait(envelope)
        except asyncio.QueueFull:
            overflowed.set()
            return


async def _missed(locale_id: int, section_id: int | None, after_id: int) -> list[dict[str, Any]]:
    events = await sync_to_async(news_events_since)(
        locale_id=locale_id, after_id=after_id, section_id=section_id
    )
    return [event.as_message() for event in events]
