"""A publish or a withdrawal queues what the clients are owed, after its commit."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published


def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage
    from dateline.syndication.tasks import article_distribute_task, websub_notify_task

    if isinstance(instance, ArticlePage):
        language = instance.locale.language_code
        transaction.on_commit(lambda: article_distribute_task.enqueue(instance.pk))
        transaction.on_commit(lambda: websub_notify_task.enqueue(language))


def _withdrawn(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from dateline.syndication.tasks import websub_notify_task, withdrawal_distribute_task

    if created:
        language = instance.locale.language_code
        transaction.on_commit(lambda: withdrawal_distribute_task.enqueue(instance.pk))
        transaction.on_commit(lambda: websub_notify_task.enqueue(language))


def transmissions_enqueue_due() -> int:
    """The scheduler's pass: when anything is due, a task that sends it (to many
    destinations at once). Returns how many destinations have something due."""
    from dateline.syndication.distribution import destinations_due
    from dateline.syndication.tasks import transmissions_send_task

    due = len(destinations_due())
    if due:
        transmissions_send_task.enqueue()
    return due


def websub_retry_enqueue_due() -> int:
    """The scheduler's pass: a task to push again to subscribers whose push failed, when
    one's next try is due."""
    from django.utils import timezone

    from dateline.syndication.models import WebSubSubscription
    from dateline.syndication.tasks import websub_retry_task

    due = WebSubSubscription.objects.filter(retry_at__lte=timezone.now()).count()
    if due:
        websub_retry_task.enqueue()
    return due


def register_signal_handlers() -> None:
    from dateline.newsroom.models import ArticleWithdrawal

    page_published.connect(_published, dispatch_uid="syndication_distribute")
    post_save.connect(_withdrawn, sender=ArticleWithdrawal, dispatch_uid="syndication_kill")
