"""Background work for the worker (`manage.py db_worker --backend background`, started by
`make run`): outside the request, retried safely, never twice to the same reader."""

from django_tasks import task

from dateline.core.background import BACKGROUND
from dateline.newsroom.selectors import articles_public
from dateline.subscriptions import services


@task(backend=BACKGROUND)
def mailing_send_task(mailing_id: int) -> dict[str, int]:
    return services.mailing_send(mailing_id)


@task(backend=BACKGROUND)
def breaking_alert_task(article_id: int) -> dict[str, int]:
    """Compose the alert for a breaking article once, and send it."""
    article = articles_public().filter(pk=article_id).first()
    if article is None:
        return {"sent": 0, "failed": 0}
    # Composed before, on a retry: only what is still pending goes out.
    return services.mailing_send(services.breaking_alert_compose(article).pk)
