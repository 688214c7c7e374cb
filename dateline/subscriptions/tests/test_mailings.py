"""Digests and alerts: composed once, sent by the worker exactly once to each subscriber
however often the task runs, with failures recorded and only published news."""

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from dateline.core.tests.worker import run_worker
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from dateline.subscriptions.services import mailings as services
from dateline.subscriptions.tasks import mailing_send_task


def subscriber(email, *kinds, section=None, language="en"):
    person = Subscriber.objects.create(email=email, language=language, confirmed_at=timezone.now())
    for kind in kinds:
        Subscription.objects.create(
            subscriber=person, kind=kind, section=section if kind == "section" else None
        )
    return person


@pytest.fixture
def news(db):
    tree = edition_tree()
    russia, world = tree.sections["en-russia"], tree.sections["en-world"]
    published = [
        article_for_test(russia, title="Russia story"),
        article_for_test(world, title="World story"),
    ]
    draft = article_for_test(russia, title="Draft story", live=False)
    scheduled = article_for_test(russia, title="Scheduled story", live=False)
    article_publish(article=scheduled, go_live_at=timezone.now() + timedelta(days=1))
    subscriber("daily@example.org", "daily")
    subscriber("russia@example.org", "section", section=russia)
    Subscriber.objects.create(email="unconfirmed@example.org", language="en").subscriptions.create(
        kind="daily"
    )
    return tree, published, draft


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_digests_go_out_once_each_however_often_the_task_runs(news, mailbox, settings):
    settings.DATELINE_DIGEST_HOUR = 0  # due at any hour of today
    assert services.digests_enqueue_due() == 2  # the daily one and Russia's
    assert services.digests_enqueue_due() == 0  # the next pass: composed already
    run_worker()
    for mailing in Mailing.objects.all():  # a retried task, and a duplicate enqueue
        mailing_send_task.enqueue(mailing.pk)
    run_worker()

    daily = [m for m in mailbox.messages() if "daily@example.org" in m["To"]]
    russia = [m for m in mailbox.messages() if "russia@example.org" in m["To"]]
    assert len(daily) == 1 and len(russia) == 1
    assert not [m for m in mailbox.messages() if "unconfirmed" in m["To"]]
    text = mailbox.text(daily[0])
    assert "Russia story" in text and "World story" in text
    assert "Draft story" not in text and "Scheduled story" not in text
    assert "World story" not in mailbox.text(russia[0])
    assert [p.get_content_type() for p in daily[0].walk()][1:] == ["text/plain", "text/html"]
    assert daily[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "".join(daily[0]["List-Unsubscribe"].split()).startswith(
        "<http://127.0.0.1:8000/en/subscribe/unsubscribe/"
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_not_yet_digest_time_means_no_digest(news, settings):
    settings.DATELINE_DIGEST_HOUR = 7
    tz = ZoneInfo(news[0].homes["en"].time_zone)
    early = timezone.now().astimezone(tz).replace(hour=5)
    assert services.digests_enqueue_due(now=early) == 0
    assert not Mailing.objects.filter(language="en").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_sending_the_same_mailing_send_each_mail_once(news, mailbox):
    for number in range(20):
        subscriber(f"reader{number}@example.org", "daily")
    mailing = services.digest_compose(
        language="en", section=None, day="2026-11-28", now=timezone.now()
    )
    results = []

    def work():
        try:
            results.append(services.mailing_send(mailing_id=mailing.pk))
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    recipients = [m["To"] for m in mailbox.messages()]
    assert len(recipients) == len(set(recipients)) == 21  # 20 readers and daily@
    assert sum(r["sent"] for r in results) == 21


@pytest.mark.django_db
def test_failures_are_recorded_and_the_rest_still_go(news, mailbox):
    _tree, published, _draft = news
    mailing = services.digest_compose(
        language="en", section=None, day="2026-11-28", now=timezone.now()
    )
    for article in published:  # everything in it is withdrawn before it goes out
        article.unpublish()
    counts = services.mailing_send(mailing_id=mailing.pk)
    assert counts == {"sent": 0, "failed": 1}
    failed = Delivery.objects.get()
    assert failed.status == "failed" and "unpublished" in failed.error
    assert services.mailing_send(mailing_id=mailing.pk) == {
        "sent": 0,
        "failed": 0,
    }  # not retried blindly


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_breaking_article_alerts_its_subscribers_once(news, mailbox):
    tree, _published, _draft = news
    subscriber("alerts@example.org", "breaking")
    russia = tree.sections["en-russia"]
    breaking = article_for_test(russia, title="Ceasefire agreed", live=False, urgency=1)
    article_publish(article=breaking)
    article_publish(article=ArticlePage.objects.get(pk=breaking.pk))  # an update: no new alert
    run_worker()
    alerts = [m for m in mailbox.messages() if "alerts@example.org" in m["To"]]
    assert len(alerts) == 1
    assert "Ceasefire agreed" in alerts[0]["Subject"]
    assert [m for m in mailbox.messages() if "daily@" in m["To"]] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mailing_left_unfinished_is_taken_up_again(news, mailbox):
    mailing = services.digest_compose(
        language="en", section=None, day="2026-11-28", now=timezone.now()
    )
    assert services.mailings_resume() == 0  # just queued: its worker may be on the way
    Mailing.objects.filter(pk=mailing.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    assert services.mailings_resume() == 1  # its task was lost
    assert services.mailings_resume() == 0  # asked again once, not on every pass
    run_worker()
    assert [m["To"] for m in mailbox.messages()] == ["daily@example.org"]
    assert Mailing.objects.get(pk=mailing.pk).status == "done"
