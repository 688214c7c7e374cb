"""Polling runs in the worker, so that a slow agency never holds up a page."""

from django_tasks import task

from dateline.core.background import BACKGROUND
from dateline.wire.models import WireSource
from dateline.wire.services.sources import source_poll


@task(backend=BACKGROUND)
def source_poll_task(source_id: int) -> str:
    source = WireSource.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return "inactive"
    return source_poll(source=source).summary()
