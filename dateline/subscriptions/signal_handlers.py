"""A breaking article's first publication sends its alert, after the publish commits."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.selectors import page_is_public
    from dateline.subscriptions.tasks import breaking_alert_task

    if not isinstance(instance, ArticlePage) or not instance.is_breaking:
        return
    if not instance.is_first_publication:
        return  # an update of news already alerted
    # Wagtail also sends page_published when a revision is only scheduled: the alert waits
    # for the page to be live and public (the task checks again when it runs).
    if not page_is_public(page_id=instance.id):
        return
    transaction.on_commit(lambda: breaking_alert_task.enqueue(instance.pk))


def register_signal_handlers() -> None:
    page_published.connect(_published, dispatch_uid="subscriptions_breaking_alert")
