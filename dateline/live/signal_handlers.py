"""Publishing and unpublishing an article records its news event (via the service)."""

from typing import Any

from wagtail.signals import page_published, page_unpublished

from dateline.live.models import NewsEvent
from dateline.live.services import news_event_record


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage

    if not isinstance(instance, ArticlePage):
        return
    first = (
        instance.first_published_at is not None
        and instance.last_published_at == instance.first_published_at
    )
    kind = NewsEvent.Kind.PUBLISHED if first else NewsEvent.Kind.UPDATED
    news_event_record(page=instance, kind=kind)


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage

    if isinstance(instance, ArticlePage):
        news_event_record(page=instance, kind=NewsEvent.Kind.UNPUBLISHED)


def register_signal_handlers() -> None:
    page_published.connect(_published, dispatch_uid="live_news_event_published")
    page_unpublished.connect(_unpublished, dispatch_uid="live_news_event_unpublished")
