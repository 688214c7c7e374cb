"""Faults under running processes: PostgreSQL restarted under the scheduler, the worker and
a server with readers connected, and a worker killed in the middle of a mailing. Each
process carries on by itself; the figures they take are printed (pytest -s shows them)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.utils import timezone

from dateline.core.tests.processes import process_environment, served
from dateline.live.tests.sse import EventStream
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from dateline.subscriptions.services.mailings import digest_compose
from dateline.subscriptions.tasks import mailing_send_task

TREE = """
from dateline.newsroom.tests.factories import article_for_test, edition_tree
tree = edition_tree()
article_for_test(tree.sections["en-russia"], title="Before the outage")
"""
SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from django.utils.text import slugify
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.services import article_publish
section = SectionPage.objects.get(slug="russia", locale__language_code="en")
article = section.add_child(
    instance=ArticlePage(
        title="{title}", slug=slugify("{title}"), lede="Lede.", locale_id=section.locale_id,
        live=False,
    )
)
article_publish(article=article, go_live_at=timezone.now() + timedelta(seconds={delay}))
"""
IS_LIVE = """
from dateline.newsroom.models import ArticlePage
print(ArticlePage.objects.filter(title="{title}", live=True).exists())
"""
DIGEST = """
from django.utils import timezone
from dateline.subscriptions.models import Subscriber, Subscription
from dateline.subscriptions.services.mailings import digest_compose
from dateline.subscriptions.tasks import mailing_send_task
reader = Subscriber.objects.create(email="{email}", language="en", confirmed_at=timezone.now())
reader.subscriptions.create(kind=Subscription.Kind.DAILY)
mailing = digest_compose(language="en", section=None, day="{email}", now=timezone.now())
mailing_send_task.enqueue(mailing.pk)
print(mailing.pk)
"""
PUBLISH_NEW = """
from django.utils.text import slugify
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.newsroom.services import article_publish
section = SectionPage.objects.get(slug="russia", locale__language_code="en")
article = section.add_child(
    instance=ArticlePage(
        title="{title}", slug=slugify("{title}"), lede="Lede.", locale_id=section.locale_id,
        live=False,
    )
)
article_publish(article=article)
"""
MAILING_STATUS = """
from dateline.subscriptions.models import Mailing
print(Mailing.objects.get(pk={pk}).status)
"""


def environment(database_url: str, var: Path, **extra: str) -> dict[str, str]:
    return process_environment(var, DATABASE_URL=database_url, **extra)


def manage(env: dict[str, str], *args: str) -> str:
    """Run manage.py; its output (a shell's prints only: no banner at verbosity 0)."""
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args, "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def start(env: dict[str, str], *command: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own programs
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def wait_for(check, *, timeout: float = 60, every: float = 0.5) -> float:
    """Seconds until `check()` is true; fails after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s")


def outage(server, seconds: float = 3) -> float:
    """Stop PostgreSQL for `seconds`, start it again; returns when it is back."""
    server.stop()
    time.sleep(seconds)
    server.start()
    return time.monotonic()


def test_the_scheduler_publishes_again_after_postgresql_restarts(private_postgres, tmp_path):
    env = environment(private_postgres.database(), tmp_path)
    manage(env, "shell", "-c", TREE)
    scheduler = start(env, sys.executable, "manage.py", "run_scheduler", "--interval", "1")
    try:
        time.sleep(3)
        outage(private_postgres)
        manage(env, "shell", "-c", SCHEDULE.format(title="After the outage", delay=1))
        took = wait_for(
            lambda: manage(env, "shell", "-c", IS_LIVE.format(title="After the outage")) == "True"
        )
        assert scheduler.poll() is None, "the scheduler stopped"
        print(f"\nscheduler: scheduled article live {took:.1f} s after PostgreSQL was back")
    finally:
        stop(scheduler)


def test_the_worker_works_again_after_postgresql_restarts(private_postgres, tmp_path):
    env = environment(private_postgres.database(), tmp_path)
    manage(env, "shell", "-c", TREE)
    worker = start(env, sys.executable, "manage.py", "run_worker", "--interval", "0.5")
    try:
        time.sleep(3)
        outage(private_postgres)
        pk = manage(env, "shell", "-c", DIGEST.format(email="after@example.org"))
        took = wait_for(
            lambda: manage(env, "shell", "-c", MAILING_STATUS.format(pk=pk)) == "done", timeout=90
        )
        assert worker.poll() is None, "the worker stopped"
        assert any("after@example.org" in p.read_text() for p in (tmp_path / "mail").iterdir())
        print(f"\nworker: mailing sent {took:.1f} s after PostgreSQL was back")
    finally:
        stop(worker)


def test_open_streams_get_news_published_after_postgresql_restarts(private_postgres, tmp_path):
    env = environment(
        private_postgres.database(),
        tmp_path,
        DATELINE_LIVE_KEEPALIVE="1",
        DATELINE_SCHEDULER_INTERVAL="1",
    )
    manage(env, "shell", "-c", TREE)
    with served(env) as base, ExitStack() as readers_open:
        readers = [EventStream(f"{base}/en/live/newsfeed/") for _ in range(5)]
        for reader in readers:
            readers_open.callback(reader.close)
        back = outage(private_postgres)
        # The in-process scheduler publishes it: the event comes from the server itself.
        manage(env, "shell", "-c", SCHEDULE.format(title="Published after the outage", delay=1))
        for reader in readers:
            event = reader.next(within=60)
            assert event.data["headline"] == "Published after the outage"
        print(f"\nstreams: 5/5 readers had the event {time.monotonic() - back:.1f} s after restart")


def test_pages_kept_in_memory_follow_a_publish_made_after_postgresql_restarts(
    private_postgres, tmp_path
):
    """Without Redis each server keeps pages in memory and learns of changes from the
    database (core/row_watcher.py): its watcher must come back by itself."""
    env = environment(
        private_postgres.database(),
        tmp_path,
        DATELINE_SCHEDULER_IN_PROCESS="false",
    )
    manage(env, "shell", "-c", TREE)
    with served(env) as base:
        home = f"{base}/en/"
        httpx.get(home)
        assert httpx.get(home).headers["x-cache"] == "hit"
        back = outage(private_postgres)
        manage(env, "shell", "-c", PUBLISH_NEW.format(title="Kept pages after the outage"))
        wait_for(lambda: "Kept pages after the outage" in httpx.get(home, timeout=10).text)
        print(f"\npage cache: the home showed it {time.monotonic() - back:.1f} s after restart")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mailing_cut_short_by_a_killed_worker_is_resumed_once_per_reader(
    manage_py, tmp_path, mailbox
):
    readers = 3000
    article_for_test(edition_tree().sections["en-russia"], title="In the digest")
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", language="en", confirmed_at=now)
        for n in range(readers)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, kind=Subscription.Kind.DAILY) for s in subscribers
    )
    mailing = digest_compose(language="en", section=None, day="crash-day", now=now)
    mailing_send_task.enqueue(mailing.pk)
    env = {"DATELINE_MAILING_RESUME_AFTER": "2"}
    worker = manage_py("run_worker", "--interval", "0.2", background=True, extra_env=env)
    sent = Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT)
    wait_for(lambda: sent.count() > 200, timeout=60, every=0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    before = sent.count()
    assert before < readers, "the worker finished before it was killed"

    time.sleep(3)  # longer than DATELINE_MAILING_RESUME_AFTER
    manage_py("run_scheduler", "--once", extra_env=env)  # the pass that resumes it
    worker = manage_py("run_worker", "--interval", "0.2", background=True, extra_env=env)
    try:
        wait_for(lambda: Mailing.objects.get(pk=mailing.pk).status == "done", timeout=120)
    finally:
        worker.terminate()
        worker.wait(10)

    mailbox.folder = tmp_path / "mail"
    recipients = [message["To"] for message in mailbox.messages()]
    assert len(recipients) == len(set(recipients)), "somebody got the mailing twice"
    failed = Delivery.objects.filter(mailing=mailing, status=Delivery.Status.FAILED)
    sent_to = set(sent.values_list("subscriber__email", flat=True))
    assert sent_to <= set(recipients)
    # The one in the killed worker's hands may have left before the kill: reported either way.
    assert sent.count() <= len(recipients) <= sent.count() + failed.count()
    assert sent.count() + failed.count() == readers  # nobody left out silently
    assert failed.count() <= 1  # at most the one in the killed worker's hands
    assert all("worker stopped" in d.error for d in failed)
    print(
        f"\nmailing: worker killed after {before}/{readers}; resumed, {sent.count()} sent once"
        f" each, {failed.count()} reported to editors as interrupted"
        f" ({len(recipients) - sent.count()} of them had in fact left)"
    )
