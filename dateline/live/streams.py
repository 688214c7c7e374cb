"""The newsfeed as Server-Sent Events: what a reader missed, then what the outbox watcher
hands out, plus an article's comment notices from the channel layer."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from channels.layers import get_channel_layer

from dateline.live.outbox import Subscription, outbox_watcher

logger = logging.getLogger(__name__)

RETRY_MILLISECONDS = 3000


FRAME = "_frame"


def sse(event: dict[str, Any]) -> str:
    """The event as an SSE frame, encoded once however many readers it goes to: the
    watcher hands every stream the same message, and the frame is kept in it."""
    frame = event.get(FRAME)
    if frame is None:
        data = json.dumps(event, ensure_ascii=False)
        frame = event[FRAME] = f"id: {event['id']}\nevent: {event['kind']}\ndata: {data}\n\n"
    return frame


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
    liveblog_id: int | None = None,
) -> AsyncIterator[str]:
    """Yield SSE messages until the reader goes away (its server cancels us then).

    Every event after `last_id` is sent once, in id order. A reader who lets its buffer of
    `buffer_size` fill (a stalled connection) is dropped rather than held in memory; its
    browser reconnects with Last-Event-ID and is replayed what it missed.

    `extra_groups` carry other live notices for the same page (an article's comments), so
    that one connection serves it: their messages name their own SSE `event` and carry no
    id, leaving the newsfeed's Last-Event-ID as it is. Without a channel layer (Redis
    down) the stream goes on without them.

    A live blog's entries are outbox events too (ordered, replayed after a reconnect like
    the newsfeed's); a stream is sent those of `liveblog_id` only.
    """
    watcher = outbox_watcher()
    subscription = await watcher.subscribe(
        locale_id=locale_id, last_id=last_id, buffer_size=buffer_size
    )
    notices = await _notices_join(subscription, extra_groups)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        sent = subscription.start_id if last_id is None else last_id
        for message in subscription.backlog:
            if message["id"] > sent:
                sent = message["id"]
                if _wanted(message, section_id, liveblog_id):
                    yield sse(message)
        subscription.backlog = []
        while not subscription.overflowed:
            try:
                async with asyncio.timeout(keepalive):  # no task of its own, unlike wait_for
                    message = await subscription.queue.get()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if "sse_event" in message:
                yield notice(message)
            elif message["id"] > sent:
                sent = message["id"]
                if _wanted(message, section_id, liveblog_id):
                    yield sse(message)
        logger.info("Newsfeed reader dropped: %s events waiting", buffer_size)
    finally:
        if notices is not None:
            await notices.leave()
        await watcher.unsubscribe(subscription)


ENTRY_KINDS = frozenset({"entry", "entry-deleted"})


def _wanted(message: dict[str, Any], section_id: int | None, liveblog_id: int | None) -> bool:
    if message["kind"] in ENTRY_KINDS:
        return message["page"] == liveblog_id
    return section_id is None or message["section"] == section_id


class _Notices:
    """The stream's channel on the layer, and the task moving its messages to the queue."""

    def __init__(self, layer: Any, channel: str, groups: tuple[str, ...], pump: asyncio.Task):
        self.layer, self.channel, self.groups, self.pump = layer, channel, groups, pump

    async def leave(self) -> None:
        self.pump.cancel()
        for group in self.groups:
            try:
                await self.layer.group_discard(group, self.channel)
            except Exception:  # noqa: BLE001 - the layer is gone; so is our membership, in time
                logger.warning("Could not leave %s", group)


async def _notices_join(subscription: Subscription, groups: tuple[str, ...]) -> _Notices | None:
    layer = get_channel_layer() if groups else None
    if layer is None:
        return None
    try:
        channel = await layer.new_channel()
        for group in groups:
            await layer.group_add(group, channel)
    except Exception:  # noqa: BLE001 - a stream without the layer still streams
        logger.warning("Channel layer unavailable: stream without %s", ", ".join(groups))
        return None
    pump = asyncio.create_task(_pump(layer, channel, subscription))
    return _Notices(layer, channel, groups, pump)


async def _pump(layer: Any, channel: str, subscription: Subscription) -> None:
    while not subscription.overflowed:
        try:
            envelope = await layer.receive(channel)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a lost layer ends the notices, not the stream
            logger.warning("Channel layer lost: comment notices stop for this stream")
            return
        subscription.offer(envelope)
