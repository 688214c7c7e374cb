"""Distribution to clients by push, with a real receiver on loopback: signed webhooks, each
version once however often it is tried, back-off, pauses, kill notices to those who had it,
and bad destinations that never block the others."""

from __future__ import annotations

import hashlib
import hmac
import json
import signal
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dateline.core.tests.worker import run_worker
from dateline.newsroom.services import article_publish, article_withdraw
from dateline.newsroom.tests.factories import article_for_test, edition_tree
from dateline.syndication import distribution
from dateline.syndication.backoff import retry_delay
from dateline.syndication.models import Destination, DistributionClient, Transmission
from dateline.syndication.signal_handlers import transmissions_enqueue_due

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Receiver:
    """A client's endpoint: checks the signature, fails the first `failures` requests with
    a 500, keeps each delivery once by its idempotency key."""

    def __init__(
        self, *, failures: int = 0, status: int = 200, location: str = "", delay: float = 0
    ) -> None:
        self.failures, self.status, self.location = failures, status, location
        self.requests: list[dict] = []
        self.kept: dict[str, dict] = {}
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(delay)  # a client's slow system
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                stamp, _, digest = self.headers["X-Dateline-Signature"].partition(",v1=")
                expected = hmac.new(
                    receiver.secret.encode(),
                    stamp.removeprefix("t=").encode() + b"." + body,
                    hashlib.sha256,
                ).hexdigest()
                if not hmac.compare_digest(expected, digest):
                    self.send_response(401)
                elif len(receiver.requests) <= receiver.failures:
                    self.send_response(500)
                else:
                    document = json.loads(body) if body.startswith(b"{") else body
                    receiver.kept.setdefault(self.headers["Idempotency-Key"], document)
                    self.send_response(receiver.status)
                    if receiver.location:
                        self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/dateline"

    def destination(self, client: DistributionClient, **fields) -> Destination:
        destination = Destination.objects.create(client=client, url=self.url, **fields)
        self.secret = destination.secret
        return destination


@pytest.fixture
def receivers():
    made: list[Receiver] = []

    def make(**options) -> Receiver:
        made.append(Receiver(**options))
        return made[-1]

    yield make
    for receiver in made:
        receiver.server.shutdown()


def send_all(rounds: int = 1) -> None:
    """What the scheduler and the worker do, `rounds` times, with the back-off elapsed."""
    for _ in range(rounds):
        Transmission.objects.filter(status="queued").update(next_attempt_at=timezone.now())
        transmissions_enqueue_due()
        run_worker()


def test_a_publish_arrives_once_signed_though_the_client_failed_twice(receivers):
    tree = edition_tree()
    receiver = receivers(failures=2)
    client = DistributionClient.objects.create(name="Daily Example", languages=["en"])
    receiver.destination(client)
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()  # the publish's task queues the transmission
    transmission = Transmission.objects.get()
    assert (transmission.kind, transmission.status) == ("publish", "queued")

    send_all(rounds=1)
    transmission.refresh_from_db()
    assert transmission.status == "queued" and transmission.attempts == 1
    assert transmission.next_attempt_at > timezone.now(), "backing off"
    send_all(rounds=3)
    transmission.refresh_from_db()
    assert transmission.status == "sent" and transmission.attempts == 3
    assert len(receiver.requests) == 3
    assert [d["headlines"][0]["value"] for d in receiver.kept.values()] == ["Port reopens"]
    keys = {r["headers"]["Idempotency-Key"] for r in receiver.requests}
    assert keys == {transmission.key}, "every attempt carries the same key"
    assert [a.status_code for a in transmission.attempt_log.order_by("at")] == [500, 500, 200]
    # Sent is sent: another pass and another publish of the same version send nothing.
    send_all()
    distribution.article_distribute(article=article)
    assert len(receiver.requests) == 3 and Transmission.objects.count() == 1


def test_an_update_is_a_new_version_and_a_kill_goes_to_those_who_had_it(receivers):
    tree = edition_tree()
    had, never = receivers(), receivers()
    english = DistributionClient.objects.create(name="English client", languages=["en"])
    russian = DistributionClient.objects.create(name="Russian client", languages=["ru"])
    had.destination(english)
    never.destination(russian)
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    article.title = "Port reopens after storm"
    article_publish(article=article)
    run_worker()
    send_all()
    kinds = list(Transmission.objects.order_by("created_at").values_list("kind", flat=True))
    assert kinds == ["publish", "update"]
    article_withdraw(article=article, status="canceled", note="Legal: kill this story.")
    run_worker()
    send_all()
    notices = [d for d in had.kept.values() if d.get("pubstatus") == "canceled"]
    assert len(notices) == 1 and notices[0]["ednote"] == "Legal: kill this story."
    assert len(had.kept) == 3 and never.kept == {}, "only the client who had it hears"


def test_a_worker_killed_while_sending_loses_nothing_and_the_receiver_keeps_each_once(
    receivers, manage_py, settings
):
    """Kill -9 a worker in the middle of its sends: after the lease its claims are sent
    again by the next worker with the same keys, so every version is kept exactly once."""
    lease = 2
    settings.DATELINE_DISTRIBUTION_LEASE = timedelta(seconds=lease)
    tree = edition_tree()
    receiver = receivers(delay=0.05)
    receiver.destination(DistributionClient.objects.create(name="Daily Example"))
    for number in range(60):
        story = article_for_test(tree.sections["en-russia"], title=f"Story {number}", live=False)
        article_publish(article=story)
    run_worker()  # the publishes' tasks queue one transmission each
    assert Transmission.objects.filter(status="queued").count() == 60
    env = {"DATELINE_DISTRIBUTION_LEASE_SECONDS": str(lease), "DATELINE_ALLOW_PRIVATE_NETWORK": "1"}

    def until(check, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.02)

    transmissions_enqueue_due()
    worker = manage_py("run_worker", "--interval", "0.2", background=True, extra_env=env)
    try:
        until(lambda: len(receiver.requests) >= 5)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    held = Transmission.objects.filter(status="sending").count()
    assert held <= distribution.BATCH, "one claim at a time per destination"
    assert held and len(receiver.kept) < 60, "the worker was killed in the middle"

    time.sleep(lease + 0.5)
    transmissions_enqueue_due()  # the scheduler's pass finds the stale claims due
    worker = manage_py("run_worker", "--interval", "0.2", background=True, extra_env=env)
    try:
        until(lambda: Transmission.objects.filter(status="sent").count() == 60)
    finally:
        worker.terminate()
        worker.wait(10)
    keys = set(Transmission.objects.values_list("key", flat=True))
    assert set(receiver.kept) == keys and len(keys) == 60, "each version kept, none lost"
    repeats = len(receiver.requests) - 60
    assert 0 <= repeats <= held, "only what the killed worker held was sent again"
    print(f"\ndistribution: killed holding {held}; {repeats} sent again, dropped by key")


def test_drafts_scheduled_and_filtered_out_articles_are_never_sent(receivers):
    tree = edition_tree()
    receiver = receivers()
    client = DistributionClient.objects.create(name="Sport only", urgency_max=3)
    client.sections.add(tree.sections["en-world"])
    receiver.destination(client)
    article_for_test(tree.sections["en-russia"], title="Elsewhere", live=False)
    scheduled = article_for_test(tree.sections["en-world"], title="Tomorrow", live=False)
    article_publish(article=scheduled, go_live_at=timezone.now() + timedelta(days=1))
    routine = article_for_test(tree.sections["en-world"], title="Routine", live=False, urgency=5)
    article_publish(article=routine)
    urgent = article_for_test(tree.sections["en-world"], title="Urgent", live=False, urgency=2)
    article_publish(article=urgent)
    run_worker()
    send_all()
    assert [d["headlines"][0]["value"] for d in receiver.kept.values()] == ["Urgent"]


def test_bad_destinations_are_logged_retried_paused_and_never_block_the_others(
    receivers, settings, mailoutbox
):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("editor", email="desk@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))
    tree = edition_tree()
    good = receivers()
    redirecting = receivers(status=302, location="http://10.0.0.1/inside")
    client = DistributionClient.objects.create(name="Client")
    good.destination(client)
    redirecting.destination(client)
    nowhere = Destination.objects.create(client=client, url="http://127.0.0.1:9/closed")
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = True
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    assert len(good.kept) == 1, "the good one got it at once"
    failed = Transmission.objects.exclude(destination__url=good.url)
    assert all(t.status == "queued" and t.attempts == 1 for t in failed), [
        (t.destination.url, t.status, t.attempts, t.last_error) for t in failed
    ]
    redirect = failed.get(destination__url=redirecting.url)
    assert "redirects are not followed" in redirect.last_error
    assert "ConnectError" in failed.get(destination=nowhere).last_error
    # Failing past the pause limit: paused, and the editors are told once.
    settings.DATELINE_DISTRIBUTION_PAUSE_AFTER = timedelta(0)
    send_all()
    nowhere.refresh_from_db()
    assert nowhere.paused_at is not None and "ConnectError" in nowhere.paused_reason
    assert any("paused" in m.subject and "desk@example.org" in m.to for m in mailoutbox)
    told = len(mailoutbox)
    send_all()
    assert len(mailoutbox) == told
    assert distribution.destinations_due() == [], "paused ones wait; nothing else is due"
    # A private address is refused unless the installation allows it.
    settings.DATELINE_ALLOW_PRIVATE_NETWORK = False
    distribution.destination_resume(destination=nowhere)
    send_all()
    assert "private" in Transmission.objects.get(destination=nowhere).last_error


def test_the_retry_delay_doubles_to_an_hour():
    delays = [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)]
    assert delays == [30, 60, 120, 3600, 3600]


def test_operators_manage_clients_see_every_attempt_resend_and_resume(client, receivers):
    from django.contrib.auth.models import User

    tree = edition_tree()
    receiver = receivers()
    admin = User.objects.create_superuser("operator", "ops@example.org", "pw")
    client.force_login(admin)
    created = client.post(
        "/admin/distribution_clients/new/",
        {"name": "Daily Example", "active": "on", "languages": '["en"]', "urgency_max": "8"},
    )
    assert created.status_code == 302
    customer = DistributionClient.objects.get(name="Daily Example")
    response = client.post(
        "/admin/distribution_destinations/new/",
        {
            "client": customer.pk,
            "kind": "webhook",
            "format": "ninjs-3.1",
            "url": receiver.url,
            "active": "on",
        },
        follow=True,
    )
    destination = Destination.objects.get(client=customer)
    assert f"shown this once: {destination.secret}" in response.content.decode()
    assert len(destination.secret) == 64
    receiver.secret = destination.secret
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    (delivered,) = receiver.kept.values()
    assert delivered["pubStatus"] == "usable", "ninjs 3.1 as the destination asks"
    page = client.get("/admin/distribution/").content.decode()
    assert "Port reopens" not in page and f"{article.pk} v" in page and "Send again" in page
    transmission = Transmission.objects.get()
    client.post(f"/admin/distribution/{transmission.pk}/resend/")
    send_all()
    assert len(receiver.requests) == 2 and len(receiver.kept) == 1, "the receiver drops repeats"
    Destination.objects.filter(pk=destination.pk).update(paused_at=timezone.now())
    assert "Destinations in trouble" in client.get("/admin/distribution/").content.decode()
    client.post(f"/admin/distribution/destinations/{destination.pk}/resume/")
    assert Destination.objects.get(pk=destination.pk).paused_at is None
    outsider = User.objects.create_user("reader", password="pw")
    client.force_login(outsider)
    assert client.get("/admin/distribution/").status_code in (302, 403)


def test_an_editor_kills_from_the_editor_and_its_clients_are_told(client, receivers):
    from django.contrib.auth.models import Group, User

    from dateline.newsroom.models import ArticlePage, ArticleWithdrawal

    tree = edition_tree()
    receiver = receivers()
    receiver.destination(DistributionClient.objects.create(name="Daily Example"))
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "Kill or take down" in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    url = f"/admin/articles/{article.pk}/withdraw/"
    refused = client.post(url, {"action": "kill", "note": ""})
    assert "A kill says why" in refused.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).live, "nothing done on a bad form"
    client.post(url, {"action": "kill", "note": "Legal: a court order."})
    assert not ArticlePage.objects.get(pk=article.pk).live
    run_worker()
    send_all()
    notices = [d for d in receiver.kept.values() if d.get("pubstatus") == "canceled"]
    assert [n["ednote"] for n in notices] == ["Legal: a court order."]
    # A takedown withdraws without a notice; a reporter may do neither.
    other = article_for_test(tree.sections["en-russia"], title="Second", live=False)
    article_publish(article=other)
    client.post(f"/admin/articles/{other.pk}/withdraw/", {"action": "takedown"})
    assert not ArticlePage.objects.get(pk=other.pk).live
    assert not ArticleWithdrawal.objects.filter(article_ref=other.pk).exists()
    reporter = User.objects.create_user("reporter", password="pw", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    third = article_for_test(tree.sections["en-russia"], title="Third", live=False)
    article_publish(article=third)
    refused = client.post(f"/admin/articles/{third.pk}/withdraw/", {"action": "takedown"})
    assert refused.status_code in (302, 403)  # Wagtail's admin sends the refused home
    assert ArticlePage.objects.get(pk=third.pk).live


def test_embargoed_copy_reaches_clients_early_and_the_public_only_at_its_time(client, receivers):
    from wagtail.models import Revision

    from dateline.newsroom.models import ArticlePage
    from dateline.newsroom.services import scheduled_publish_run
    from dateline.syndication.tests.test_api import assert_valid

    tree = edition_tree()
    receiver = receivers()
    receiver.destination(DistributionClient.objects.create(name="Daily Example"))
    embargo = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article = article_for_test(tree.sections["en-russia"], title="Budget figures", live=False)
    article.embargoed_until = embargo
    article.save()
    article_publish(article=article)  # scheduled for its embargo
    run_worker()
    send_all()
    (early,) = receiver.kept.values()
    assert early["embargoed"] == embargo.isoformat() and early["headlines"][0]["value"]
    assert_valid([early], "2.2")
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert client.get("/en/russia/").content.decode().count("Budget figures") == 0
    # The embargo passes: the scheduler publishes, and clients get nothing twice.
    due = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.exclude(approved_go_live_at=None).get(object_id=str(article.pk))
    revision.approved_go_live_at = due
    revision.content.update(go_live_at=due.isoformat(), embargoed_until=due.isoformat())
    revision.save()
    ArticlePage.objects.filter(pk=article.pk).update(embargoed_until=due)
    scheduled_publish_run()
    assert ArticlePage.objects.get(pk=article.pk).live
    run_worker()
    send_all()
    assert len(receiver.kept) == 1 and Transmission.objects.count() == 1


def test_an_email_destination_gets_the_document_attached_and_a_dead_server_is_retried(
    mailbox, settings
):
    tree = edition_tree()
    customer = DistributionClient.objects.create(name="Weekly by mail")
    Destination.objects.create(client=customer, kind="email", email="desk@weekly.example")
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    message = mailbox.last_to("desk@weekly.example")
    assert message["Subject"] == "[publication] Port reopens"
    transmission = Transmission.objects.get()
    assert message["X-Dateline-Idempotency-Key"] == transmission.key
    (attached,) = [p for p in message.walk() if p.get_content_type() == "application/json"]
    assert json.loads(attached.get_payload(decode=True))["headlines"][0]["value"] == (
        "Port reopens"
    )
    # The mail server down: logged, retried later; nothing lost.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    article.title = "Port reopens after storm"
    article_publish(article=article)
    run_worker()
    send_all()
    update = Transmission.objects.get(kind="update")
    assert update.status == "queued" and "ConnectionRefusedError" in update.last_error


@pytest.mark.conformance
@pytest.mark.parametrize("fmt", ["newsml-g2", "nitf"])
def test_an_xml_client_gets_valid_items_and_kill_notices(receivers, fmt):
    from dateline.syndication.tests.test_newsml import valid, valid_nitf
    from dateline.wire.parsers import parse

    tree = edition_tree()
    receiver = receivers()
    receiver.destination(DistributionClient.objects.create(name="XML client"), format=fmt)
    article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
    article_publish(article=article)
    run_worker()
    send_all()
    article_withdraw(article=article, status="canceled", note="Legal.")
    run_worker()
    send_all()
    sent, killed = receiver.kept.values()
    for document in (sent, killed):
        (valid if fmt == "newsml-g2" else valid_nitf)(document)
    assert receiver.requests[0]["headers"]["Content-Type"].startswith(
        {"newsml-g2": "application/vnd.iptc.g2.newsitem+xml", "nitf": "application/nitf+xml"}[fmt]
    )
    ((item,), (notice,)) = parse(sent), parse(killed)
    assert (item.headline, item.status) == ("Port reopens", "usable")
    assert (notice.guid, notice.status, notice.ed_note) == (item.guid, "canceled", "Legal.")


def test_an_sftp_client_gets_each_version_once_and_only_from_the_server_it_knows(tmp_path):
    from dateline.syndication.tests.sftp_server import SftpServer

    tree = edition_tree()
    server = SftpServer(tmp_path / "sftp")
    impostor = SftpServer(tmp_path / "impostor")
    try:
        customer = DistributionClient.objects.create(name="Uploads")
        Destination.objects.create(
            client=customer,
            kind="sftp",
            url=server.url,
            password="pw",
            host_key=server.host_key,
        )
        Destination.objects.create(
            client=customer,
            kind="sftp",
            format="nitf",
            url=impostor.url,
            password="pw",
            host_key=server.host_key,  # the key of another server: refused
        )
        article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
        article_publish(article=article)
        run_worker()
        send_all()
        (name, content), *_ = server.files().items()
        assert len(server.files()) == 1 and name.endswith(".json")
        assert json.loads(content)["headlines"][0]["value"] == "Port reopens"
        assert impostor.files() == {}
        refused = Transmission.objects.get(destination__url=impostor.url)
        assert refused.status == "queued" and "host key is not the one given" in refused.last_error
        # Resent, it replaces itself: still one file.
        sent = Transmission.objects.get(destination__url=server.url)
        distribution.transmission_resend(transmission=sent)
        send_all()
        assert len(server.files()) == 1
        Destination.objects.filter(url=server.url).update(password="wrong")
        article.title = "Port reopens after storm"
        article_publish(article=article)
        run_worker()
        send_all()
        update = Transmission.objects.get(destination__url=server.url, kind="update")
        assert update.status == "queued" and "Authentication" in update.last_error
    finally:
        server.close()
        impostor.close()


def test_an_ftps_client_gets_each_version_once_from_the_server_it_trusts(tmp_path):
    from dateline.syndication.tests.ftps_server import FtpsServer

    tree = edition_tree()
    certificate, key = _self_signed(tmp_path)
    server = FtpsServer(tmp_path / "ftps", certificate=certificate, key=key)
    try:
        customer = DistributionClient.objects.create(name="Uploads")
        trusted = Destination.objects.create(
            client=customer,
            kind="ftps",
            url=server.url,
            password="pw",
            tls_certificate=Path(certificate).read_text(),
        )
        stranger = Destination.objects.create(  # no certificate given: only public authorities
            client=customer, kind="ftps", format="nitf", url=server.url, password="pw"
        )
        article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
        article_publish(article=article)
        run_worker()
        send_all()
        (name, content), *_ = server.files().items()
        assert len(server.files()) == 1 and name.endswith(".json")
        assert json.loads(content)["headlines"][0]["value"] == "Port reopens"
        refused = Transmission.objects.get(destination=stranger)
        assert refused.status == "queued" and "CERTIFICATE_VERIFY_FAILED" in refused.last_error
        # Resent, it replaces itself: still one file.
        distribution.transmission_resend(transmission=Transmission.objects.get(destination=trusted))
        send_all()
        assert len(server.files()) == 1
        Destination.objects.filter(pk=trusted.pk).update(password="wrong")
        article.title = "Port reopens after storm"
        article_publish(article=article)
        run_worker()
        send_all()
        update = Transmission.objects.get(destination=trusted, kind="update")
        assert update.status == "queued" and "530" in update.last_error
        assert len(server.files()) == 1
    finally:
        server.close()


def test_upload_destinations_say_what_they_lack():
    customer = DistributionClient.objects.create(name="Uploads")
    cases = [
        ({"kind": "ftps", "url": "sftp://feed@example.com/in"}, "url"),
        ({"kind": "ftps", "url": "ftps://example.com/in"}, "url"),
        (
            {"kind": "ftps", "url": "ftps://feed@example.com/in", "tls_certificate": "junk"},
            "tls_certificate",
        ),
        ({"kind": "sftp", "url": "sftp://feed@example.com/in"}, "host_key"),
    ]
    for fields, wrong in cases:
        with pytest.raises(ValidationError) as refused:
            Destination(client=customer, **fields).clean()
        assert list(refused.value.message_dict) == [wrong]
    Destination(client=customer, kind="ftps", url="ftps://feed@example.com/in").clean()


def _self_signed(tmp_path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 no authority signed: refused unless it is the one given."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert, private = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert), str(private)


def test_a_bad_certificate_and_a_hanging_client_are_failures_with_their_reason(
    receivers, tmp_path, monkeypatch
):
    import socket
    import ssl
    import time

    tree = edition_tree()
    good = receivers()
    forged = receivers()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed(tmp_path))
    forged.server.socket = context.wrap_socket(forged.server.socket, server_side=True)
    hanging = socket.create_server(("127.0.0.1", 0))  # accepts, never answers

    def hold() -> None:
        while True:
            try:
                connection, _address = hanging.accept()
            except OSError:
                return
            time.sleep(5)
            connection.close()

    threading.Thread(target=hold, daemon=True).start()
    monkeypatch.setattr(distribution, "TIMEOUT", 0.5)
    customer = DistributionClient.objects.create(name="Client")
    good.destination(customer)
    Destination.objects.create(client=customer, url=forged.url.replace("http:", "https:"))
    Destination.objects.create(
        client=customer, url=f"http://127.0.0.1:{hanging.getsockname()[1]}/hook"
    )
    try:
        article = article_for_test(tree.sections["en-russia"], title="Port reopens", live=False)
        article_publish(article=article)
        run_worker()
        send_all()
        assert len(good.kept) == 1 and forged.kept == {}
        errors = {
            t.destination.url.split(":")[0]: t.last_error
            for t in Transmission.objects.exclude(status="sent").select_related("destination")
        }
        assert "CERTIFICATE_VERIFY_FAILED" in errors["https"]
        assert "Timeout" in errors["http"]
    finally:
        hanging.close()
