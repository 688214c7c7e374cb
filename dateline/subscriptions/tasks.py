"""Background work for the worker (`manage.py db_worker --backend background`, started by
`make run`): outside the request, retried safely, never twice to the same reader."""

from django_tasks import task

from dateline.core.background import BACKGROUND
from dateline.subscriptions.services.mailings import mailing_send


@task(backend=BACKGROUND)
def mailing_send_task(mailing_id: int) -> dict[str, int]:
    return mailing_send(mailing_id=mailing_id)
