"""Breaking news reaches subscribed browsers through a real Web Push exchange: a push
service on loopback receives the encrypted message, which the browser's key decrypts."""

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dateline.core.tests.worker import run_worker
from dateline.newsroom.services import article_publish
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.subscriptions.models import Delivery, PushSubscription

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService(BaseHTTPRequestHandler):
    received: list = []
    status = 201

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {name.lower(): value for name, value in self.headers.items()}
        type(self).received.append((self.path, headers, body))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def push_service():
    PushService.received, PushService.status = [], 201
    server = HTTPServer(("127.0.0.1", 0), PushService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def vapid(settings):
    key = ec.generate_private_key(ec.SECP256R1())
    settings.DATELINE_VAPID_PRIVATE_KEY = b64(
        key.private_numbers().private_value.to_bytes(32, "big")
    )
    settings.DATELINE_VAPID_SUBJECT = "mailto:desk@example.org"


def browser(client, endpoint):
    """What a browser does on the Subscribe page: subscribe, and post the subscription."""
    key = ec.generate_private_key(ec.SECP256R1())
    auth = os.urandom(16)
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    response = client.post(
        "/en/subscribe/push/",
        json.dumps({"endpoint": endpoint, "keys": {"p256dh": b64(public), "auth": b64(auth)}}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return key, auth


def test_a_breaking_article_is_pushed_encrypted_to_each_browser_once(client, push_service, vapid):
    tree = edition_tree()
    key, auth = browser(client, f"{push_service}/push/browser-1")
    assert "data-vapid-key" in client.get("/en/subscribe/").content.decode()
    breaking = article_for_test(
        tree.sections["en-russia"], title="Ceasefire agreed", live=False, urgency=1
    )
    article_publish(article=breaking)
    run_worker()
    run_worker()  # nothing left to do: sent once

    assert len(PushService.received) == 1
    path, headers, body = PushService.received[0]
    assert path == "/push/browser-1"
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    message = json.loads(http_ece.decrypt(body, private_key=key, auth_secret=auth))
    assert message["title"] == "Ceasefire agreed"
    assert message["url"].endswith(breaking.url)


def test_a_browser_the_push_service_forgot_is_dropped_and_the_failure_recorded(
    client, push_service, vapid
):
    tree = edition_tree()
    browser(client, f"{push_service}/push/gone")
    PushService.status = 410
    breaking = article_for_test(tree.sections["en-world"], title="Quake", live=False, urgency=2)
    article_publish(article=breaking)
    run_worker()
    failed = Delivery.objects.get()  # kept, to show what happened, after its browser went
    assert failed.status == "failed" and "410" in failed.error and failed.push is None
    assert not PushSubscription.objects.exists()


def test_malformed_subscriptions_are_refused(client, vapid):
    edition_tree()
    for body in ["not json", json.dumps({"endpoint": "ftp://x"}), json.dumps([1, 2])]:
        response = client.post("/en/subscribe/push/", body, content_type="application/json")
        assert response.status_code == 400 and response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_without_a_vapid_key_push_is_not_offered(client, settings):
    edition_tree()
    settings.DATELINE_VAPID_PRIVATE_KEY = ""
    assert "data-vapid-key" not in client.get("/en/subscribe/").content.decode()
    response = client.post(
        "/en/subscribe/push/",
        json.dumps({"endpoint": "https://push.example/x", "keys": {"p256dh": "a", "auth": "b"}}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_service_worker_is_served_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/"
    assert b"showNotification" in response.content


def test_push_endpoints_must_be_public_https_services(client, vapid, settings):
    edition_tree()
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = False
    key = b64(
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    )
    for endpoint in (
        "http://push.example.org/x",
        "https://127.0.0.1:8000/admin/",
        "https://10.0.0.5/x",
    ):
        response = client.post(
            "/en/subscribe/push/",
            json.dumps(
                {"endpoint": endpoint, "keys": {"p256dh": key, "auth": b64(os.urandom(16))}}
            ),
            content_type="application/json",
        )
        assert response.status_code == 400 and response.json()["error"], endpoint
    assert not PushSubscription.objects.exists()
