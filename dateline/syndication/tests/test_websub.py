"""The WebSub hub, with a real subscriber on loopback: intent verified, the feed pushed
(signed) when an article is published, unsubscribe, and bad requests refused with a reason."""

from __future__ import annotations

import hashlib
import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from dateline.core.tests.worker import run_worker
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.syndication.models import WebSubSubscription

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Subscriber:
    """A subscriber's callback: echoes the challenge (unless told not to), keeps pushes."""

    def __init__(self, *, echo: bool = True, failures: int = 0) -> None:
        self.pushes: list[dict] = []
        self.verifications: list[dict] = []
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                subscriber.verifications.append(query)
                answer = query.get("hub.challenge", "") if echo else "no"
                self.send_response(200)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer.encode())

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                subscriber.pushes.append({"headers": dict(self.headers), "body": body})
                self.send_response(500 if len(subscriber.pushes) <= failures else 204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/callback"


@pytest.fixture
def subscriber():
    made = Subscriber()
    yield made
    made.server.shutdown()


def test_a_subscriber_is_verified_and_gets_the_feed_pushed_signed(client, subscriber, settings):
    tree = edition_tree()
    topic = settings.WAGTAILADMIN_BASE_URL + "/en/feeds/rss/"
    feed = client.get("/en/feeds/rss/")
    hub = settings.WAGTAILADMIN_BASE_URL + "/websub/"
    assert f'<atom:link href="{hub}" rel="hub"/>' in feed.content.decode()
    assert f'<{hub}>; rel="hub"' in feed["Link"]
    answer = client.post(
        "/websub/",
        {
            "hub.mode": "subscribe",
            "hub.topic": topic,
            "hub.callback": subscriber.url,
            "hub.secret": "shared secret",
        },
    )
    assert answer.status_code == 202
    run_worker()  # the hub verifies the intent
    (check,) = subscriber.verifications
    assert check["hub.mode"] == "subscribe" and check["hub.topic"] == topic
    assert WebSubSubscription.objects.get().verified_at is not None

    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()  # the publish's push
    (push,) = subscriber.pushes
    assert b"Port reopens" in push["body"]
    expected = hmac.new(b"shared secret", push["body"], hashlib.sha256).hexdigest()
    assert push["headers"]["X-Hub-Signature"] == f"sha256={expected}"
    assert f'<{topic}>; rel="self"' in push["headers"]["Link"]

    client.post(
        "/websub/",
        {"hub.mode": "unsubscribe", "hub.topic": topic, "hub.callback": subscriber.url},
    )
    run_worker()
    assert not WebSubSubscription.objects.exists()
    other = article_for_test(tree.sections["en-russia"], title="Second", live=False)
    article_publish(article=other)
    run_worker()
    assert len(subscriber.pushes) == 1, "unsubscribed: nothing more"


def test_a_failed_push_is_made_again_with_back_off_until_the_subscriber_takes_it(settings):
    from datetime import timedelta

    from django.utils import timezone

    from dateline.syndication.signal_handlers import websub_retry_enqueue_due

    tree = edition_tree()
    callback = Subscriber(failures=2)
    try:
        now = timezone.now()
        subscription = WebSubSubscription.objects.create(
            topic=settings.WAGTAILADMIN_BASE_URL + "/en/feeds/rss/",
            callback=callback.url,
            verified_at=now,
            expires_at=now + timedelta(days=1),
        )
        article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
        article_publish(article=article)
        run_worker()  # the publish's push: refused
        subscription.refresh_from_db()
        assert (subscription.failures, subscription.last_error) == (1, "It answered 500.")
        assert subscription.retry_at > timezone.now(), "backing off"
        assert websub_retry_enqueue_due() == 0, "not yet due"
        for tries in (2, 3):
            WebSubSubscription.objects.update(retry_at=timezone.now())  # the back-off elapsed
            assert websub_retry_enqueue_due() == 1
            run_worker()
            assert len(callback.pushes) == tries
        subscription.refresh_from_db()
        assert (subscription.failures, subscription.retry_at, subscription.last_error) == (
            0,
            None,
            "",
        )
        assert b"Port reopens" in callback.pushes[-1]["body"]
        assert websub_retry_enqueue_due() == 0
    finally:
        callback.server.shutdown()


def test_bad_requests_are_refused_and_an_unconfirmed_intent_is_not_subscribed(client, settings):
    edition_tree()
    topic = settings.WAGTAILADMIN_BASE_URL + "/en/feeds/rss/"
    liar = Subscriber(echo=False)
    try:
        for data, reason in (
            ({"hub.mode": "subscribe", "hub.topic": "https://elsewhere.example/feed"}, "feeds"),
            ({"hub.mode": "publish", "hub.topic": topic}, "hub.mode"),
            ({"hub.mode": "subscribe", "hub.topic": topic, "hub.lease_seconds": "x"}, "lease"),
        ):
            refused = client.post("/websub/", {"hub.callback": liar.url, **data})
            assert refused.status_code == 400 and reason in refused.content.decode()
        settings.DATELINE_ALLOW_PRIVATE_NETWORK = False
        private = client.post(
            "/websub/", {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": liar.url}
        )
        assert private.status_code == 400 and "private" in private.content.decode()
        settings.DATELINE_ALLOW_PRIVATE_NETWORK = True
        client.post(
            "/websub/", {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": liar.url}
        )
        run_worker()
        subscription = WebSubSubscription.objects.get()
        assert subscription.verified_at is None and "challenge" in subscription.last_error
        assert client.get("/websub/").status_code == 405
    finally:
        liar.server.shutdown()
