"""Distribution runs in the worker: a slow client never holds up a publish or a page."""

from django_tasks import task

from dateline.core.background import BACKGROUND


@task(backend=BACKGROUND)
def article_distribute_task(article_id: int) -> int:
    from dateline.newsroom.models import ArticlePage
    from dateline.syndication.distribution import article_distribute

    article = ArticlePage.objects.filter(pk=article_id).first()
    return article_distribute(article=article) if article is not None else 0


@task(backend=BACKGROUND)
def withdrawal_distribute_task(withdrawal_id: int) -> int:
    from dateline.newsroom.models import ArticleWithdrawal
    from dateline.syndication.distribution import withdrawal_distribute

    withdrawal = ArticleWithdrawal.objects.filter(pk=withdrawal_id).first()
    return withdrawal_distribute(withdrawal=withdrawal) if withdrawal is not None else 0


@task(backend=BACKGROUND)
def transmissions_send_task() -> int:
    from dateline.syndication.distribution import transmissions_send_due

    return transmissions_send_due()


@task(backend=BACKGROUND)
def websub_verify_task(subscription_id: int, mode: str) -> bool:
    from dateline.syndication.websub import websub_verify

    return websub_verify(subscription_id=subscription_id, mode=mode)


@task(backend=BACKGROUND)
def websub_notify_task(language: str) -> int:
    from dateline.syndication.websub import websub_notify

    return websub_notify(language=language)


@task(backend=BACKGROUND)
def websub_retry_task() -> int:
    from dateline.syndication.websub import websub_retry_due

    return websub_retry_due()
