"""The newsfeed as Server-Sent Events: replay from the outbox, then live from the layer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from dateline.live.selectors import news_event_latest_id, news_events_since
from dateline.live.services import newsfeed_group

RETRY_MILLISECONDS = 3000


def sse(event: dict[str, Any]) -> str:
    data = json.dumps(event, ensure_ascii=False)
    return f"id: {event['id']}\nevent: {event['kind']}\ndata: {data}\n\n"


async def newsfeed_events(
    *,
    locale_id: int,
    section_id: int | None,
    last_id: int | None,
    keepalive: float,
) -> AsyncIterator[str]:
    """Yield SSE messages until the reader goes away (the ASGI server cancels us then).

    The stream joins the group before reading the outbox, so nothing published in
    between is lost; ids already sent are skipped. The in-memory layer keeps at most
    200 messages per reader and drops the rest; whatever a reader missed (dropped, or
    published by another process on an in-memory layer) is replayed from the outbox at
    the next keep-alive. A reader is not disconnected for being slow.
    """
    layer = get_channel_layer()
    channel = await layer.new_channel()
    group = newsfeed_group(locale_id)
    await layer.group_add(group, channel)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        if last_id is None:
            last_id = await sync_to_async(news_event_latest_id)(locale_id=locale_id)
        for message in await _missed(locale_id, section_id, last_id):
            yield sse(message)
            last_id = message["id"]
        while True:
            try:
                envelope = await asyncio.wait_for(layer.receive(channel), keepalive)
            except TimeoutError:
                yield ": keep-alive\n\n"
                # Events from other processes on an in-memory layer, or dropped for a
                # slow reader, are still in the outbox.
                latest = await sync_to_async(news_event_latest_id)(locale_id=locale_id)
                if latest > last_id:
                    for message in await _missed(locale_id, section_id, last_id):
                        yield sse(message)
                        last_id = message["id"]
                continue
            message = envelope["event"]
            if message["id"] <= last_id:
                continue
            if section_id is not None and message["section"] != section_id:
                last_id = message["id"]
                continue
            yield sse(message)
            last_id = message["id"]
    finally:
        await layer.group_discard(group, channel)


async def _missed(locale_id: int, section_id: int | None, after_id: int) -> list[dict[str, Any]]:
    events = await sync_to_async(news_events_since)(
        locale_id=locale_id, after_id=after_id, section_id=section_id
    )
    return [event.as_message() for event in events]
