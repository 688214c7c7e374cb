"""A breaking article's first publication composes its alert with the publish; the worker
sends it after the commit."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.selectors import page_is_public
    from dateline.subscriptions.services.mailings import breaking_alert_compose
    from dateline.subscriptions.tasks import mailing_send_task

    if not isinstance(instance, ArticlePage) or not instance.is_breaking:
        return
    if not instance.is_first_publication:
        return  # an update of news already alerted
    # Wagtail also sends page_published when a revision is only scheduled: the alert waits
    # for the page to be live and public (and leaves out what is not, when it is sent).
    if not page_is_public(page_id=instance.id):
        return
    mailing = breaking_alert_compose(article=instance)
    transaction.on_commit(lambda: mailing_send_task.enqueue(mailing.pk))


def register_signal_handlers() -> None:
    page_published.connect(_published, dispatch_uid="subscriptions_breaking_alert")
