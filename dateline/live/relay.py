"""Channel-layer messages across the server processes of the embedded profile.

With Redis, its pub/sub joins every process. Without it, each process has its own
in-memory layer, so a chat message written on one process would reach only the sockets
that process serves: `group_broadcast` also writes the message to a table, and each other
process's watcher hands it to its own layer within `DATELINE_BROADCAST_POLL` seconds
(see `row_watcher`). One row per message, whatever the number of readers.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.utils import timezone

from dateline.core.row_watcher import PROCESS_ID, RowWatcher
from dateline.live.models import Broadcast

KEPT_FOR = timedelta(hours=1)


def relay_needed() -> bool:
    return isinstance(get_channel_layer(), InMemoryChannelLayer)


def relay_record(group: str, message: dict[str, Any]) -> None:
    """Keep `message` for the other processes (after the sender's commit: autocommit)."""
    Broadcast.objects.create(group=group, message=message, origin=PROCESS_ID)


def broadcasts_prune() -> int:
    """Messages older than a reader could still be waiting for (a scheduler pass)."""
    deleted, _ = Broadcast.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted


def broadcast_watcher() -> RowWatcher | None:
    """This process's reader of the other processes' broadcasts, where they are needed."""
    if not relay_needed():
        return None
    return RowWatcher(
        name="broadcasts",
        interval=settings.DATELINE_BROADCAST_POLL,
        model=Broadcast,
        fields=("group", "message"),
        apply=_send_here,
    )


async def _send_here(broadcast: tuple[str, dict[str, Any]]) -> None:
    group, message = broadcast
    await get_channel_layer().group_send(group, message)
