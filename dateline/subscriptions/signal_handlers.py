"""A breaking article's first publication composes its alert with the publish, and an
article that joins a story the mail to its followers; the worker sends them after the
commit."""

from functools import partial
from typing import Any

from django.db import transaction
from wagtail.signals import page_published


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.selectors import page_is_public
    from dateline.subscriptions.services.mailings import (
        breaking_alert_compose,
        story_alert_compose,
    )
    from dateline.subscriptions.tasks import mailing_send_task

    if not isinstance(instance, ArticlePage) or not instance.is_first_publication:
        return  # an update of news already told
    if not (instance.is_breaking or instance.story_id):
        return
    # Wagtail also sends page_published when a revision is only scheduled: the alert waits
    # for the page to be live and public (and leaves out what is not, when it is sent).
    if not page_is_public(page_id=instance.id):
        return
    mailings = [breaking_alert_compose(article=instance)] if instance.is_breaking else []
    if instance.story_id:
        mailings.append(story_alert_compose(article=instance))
    for mailing in mailings:
        transaction.on_commit(partial(mailing_send_task.enqueue, mailing.pk))


def register_signal_handlers() -> None:
    page_published.connect(_published, dispatch_uid="subscriptions_breaking_alert")
