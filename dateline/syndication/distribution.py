"""Distribution: the agency's copy pushed to its clients, each version once.

A publish queues one transmission per (version, destination) whose client's filter takes
the article, rendered then in the destination's format; a withdrawal queues a kill notice to
every destination that had the article. The worker sends what is due: one attempt at a time
per destination, retried with exponential back-off for a day, the destination paused (and
editors told) when it has failed for DATELINE_DISTRIBUTION_PAUSE_AFTER. Every request carries
the transmission's idempotency key, so a retry after a crash that lost the answer is one the
receiver can drop: each version arrives once.
"""

from __future__ import annotations

import ftplib
import functools
import hashlib
import hmac
import io
import json
import logging
import secrets
import smtplib
import socket
import ssl
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import paramiko
from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from wagtail.models import Revision

from dateline.core.errors import Refused
from dateline.core.outbound import outbound_url_check
from dateline.newsroom.models import ArticlePage, ArticleWithdrawal
from dateline.newsroom.selectors import page_ids_public
from dateline.syndication import ninjs
from dateline.syndication.backoff import GIVE_UP_AFTER, retry_delay
from dateline.syndication.models import (
    Destination,
    DistributionClient,
    Transmission,
    TransmissionAttempt,
)
from dateline.syndication.newsml import article_newsml, withdrawal_newsml
from dateline.syndication.nitf import article_nitf, withdrawal_nitf
from dateline.syndication.selectors import syndicated_articles, with_live_blog_entries

logger = logging.getLogger(__name__)

TIMEOUT = 10.0  # seconds a destination may take to answer
ANSWER_KEPT = 2000  # characters of an answer kept in the log
SIGNATURE_HEADER = "X-Dateline-Signature"
CONTENT_TYPES = {
    "ninjs-2.2": "application/json; charset=utf-8",
    "ninjs-3.1": "application/json; charset=utf-8",
    "newsml-g2": "application/vnd.iptc.g2.newsitem+xml; charset=utf-8",
    "nitf": "application/nitf+xml; charset=utf-8",
}
EXTENSIONS = {"newsml-g2": "xml", "nitf": "xml", "ninjs-2.2": "json", "ninjs-3.1": "json"}
# The XML formats: how an article and how a withdrawal notice are written in each.
XML_FORMATS = {
    "newsml-g2": (article_newsml, withdrawal_newsml),
    "nitf": (article_nitf, withdrawal_nitf),
}


def client_takes(client: DistributionClient, article: ArticlePage) -> bool:
    """Whether `client`'s filter takes `article` (editions, sections, topics, urgency)."""
    if not client.active or article.urgency > client.urgency_max:
        return False
    if client.languages and article.locale.language_code not in client.languages:
        return False
    sections = [section.path for section in client.sections.all()]  # prefetched by callers
    if sections and not any(article.path.startswith(path) for path in sections):
        return False
    topics = {tag.pk for tag in client.topics.all()}
    return not topics or bool(topics & {tag.pk for tag in article.topics.all()})


def article_distribute(*, article: ArticlePage) -> int:
    """Queue the article's live version to every destination whose client takes it (each
    version once: queuing it again changes nothing). An article scheduled for its embargo
    goes to clients at once, marked `embargoed` (they may not publish it before; the public
    sees it only then, and its going live sends nothing new). Returns how many were queued."""
    public = with_live_blog_entries(syndicated_articles()).filter(pk=article.pk).first()
    embargo = None
    if public is not None:
        version = str(public.live_revision_id or 1)
    else:
        scheduled = _embargoed_revision(article)
        if scheduled is None:
            return 0  # a draft, scheduled without embargo, restricted, unpublished: not yet
        public, version = scheduled.as_object(), str(scheduled.pk)
        embargo = (public.embargoed_until, scheduled.created_at)
    destinations = (
        Destination.objects.filter(active=True, client__active=True)
        .select_related("client")
        .prefetch_related("client__sections", "client__topics")
    )
    # Who had a version of it already: for them this one is an update (one query for all).
    had = set(
        Transmission.objects.filter(article_ref=public.pk).values_list("destination_id", flat=True)
    )
    payloads: dict[str, str] = {}
    queued = 0
    for destination in destinations:
        if not client_takes(destination.client, public):
            continue
        if destination.format not in payloads:
            payloads[destination.format] = _article_payload(
                public, fmt=destination.format, version=version, embargo=embargo
            )
        queued += _queue(
            destination,
            article_ref=public.pk,
            version=version,
            kind="update" if destination.pk in had else "publish",
            payload=payloads[destination.format],
        )
    return queued


def _embargoed_revision(article: ArticlePage) -> Revision | None:
    """The revision scheduled to go live at the article's embargo, when the embargo lies
    ahead and the article would be public then (no view restriction on it or above it)."""
    if article.embargoed_until is None or article.embargoed_until <= timezone.now():
        return None
    if not page_ids_public(ids=[article.get_parent().pk]) or article.get_view_restrictions():
        return None
    return (
        article.revisions.filter(approved_go_live_at__isnull=False)
        .order_by("-created_at", "-id")
        .first()
    )


def withdrawal_distribute(*, withdrawal: ArticleWithdrawal) -> int:
    """Queue the kill notice to every destination that was sent (or will be sent) the
    article; nobody else hears of it."""
    destinations = Destination.objects.filter(
        transmissions__article_ref=withdrawal.article_ref,
        transmissions__kind__in=("publish", "update"),
    ).distinct()
    queued = 0
    for destination in destinations:
        if destination.format in XML_FORMATS:
            notice = XML_FORMATS[destination.format][1](withdrawal).decode()
        else:
            version = destination.format.removeprefix("ninjs-")
            notice = json.dumps(ninjs.withdrawal_ninjs(withdrawal, version=version))
        queued += _queue(
            destination,
            article_ref=withdrawal.article_ref,
            version=withdrawal.version,
            kind="kill",
            payload=notice,
        )
    return queued


def _article_payload(
    article: ArticlePage, *, fmt: str, version: str, embargo: tuple[Any, Any] | None
) -> str:
    """The article in a destination's format: ninjs (2.2 or 3.1) or NewsML-G2."""
    if fmt in XML_FORMATS:
        until = embargo[0] if embargo else None
        render = XML_FORMATS[fmt][0]
        return render(article, absolute=_absolute, version=version, embargo=until).decode()
    document = ninjs.article_ninjs(article, absolute=_absolute, version=fmt.removeprefix("ninjs-"))
    if embargo is not None:
        document = ninjs.embargoed(document, until=embargo[0], written=embargo[1])
    return json.dumps(document, ensure_ascii=False)


def _queue(
    destination: Destination, *, article_ref: int, version: str, kind: str, payload: str
) -> int:
    _transmission, created = Transmission.objects.get_or_create(
        destination=destination,
        article_ref=article_ref,
        version=version,
        defaults={
            "kind": kind,
            "payload": payload,
            "key": secrets.token_hex(16),
            "next_attempt_at": timezone.now(),
        },
    )
    return int(created)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path.startswith("/") else path


# Sending --------------------------------------------------------------------------------


def destinations_due(*, now: datetime | None = None) -> list[int]:
    """The destinations with something due: the worker sends each in a task of its own."""
    now = now or timezone.now()
    return list(
        _due(now)
        .filter(destination__active=True, destination__paused_at__isnull=True)
        .order_by()  # the model's ordering would make DISTINCT keep one row per transmission
        .values_list("destination_id", flat=True)
        .distinct()
    )


def _due(now: datetime) -> Any:
    stale = now - settings.DATELINE_DISTRIBUTION_LEASE  # its worker died while sending it
    return Transmission.objects.filter(
        Q(status="queued", next_attempt_at__lte=now)
        | Q(status="sending", next_attempt_at__lte=stale)
    )


SENDERS = 16  # destinations sent to at once: a slow one holds up only its own thread
BATCH = 20  # claimed at once per destination, and sent over one connection
PASS_MOST = 100  # sent to one destination in one pass: the others' turn comes too


def transmissions_send_due(*, senders: int = SENDERS) -> int:
    """Send what is due to every destination, several at once. Threads only talk to the
    destinations; this thread claims and records for all of them (one transaction for each,
    whatever the number of destinations), and a destination that answers at once is given
    its next batch while a slow one waits out its timeout alone. Returns how many were sent."""
    due = destinations_due()
    if not due:
        return 0
    sent, turns = 0, dict.fromkeys(due, 0)
    with ThreadPoolExecutor(max_workers=min(senders, len(due))) as pool:
        running = {pool.submit(_send_batch, batch): batch for batch in _claim(due).values()}
        while running:
            done, _pending = wait(running, return_when=FIRST_COMPLETED)
            finished = [(running.pop(future), future.result()) for future in done]
            _record(finished)
            again = []
            for batch, answers in finished:
                delivered = sum(answer.ok for answer in answers)
                sent += delivered
                turns[batch[0].destination_id] += delivered
                whole = delivered == len(batch) == BATCH  # there may be more
                if whole and turns[batch[0].destination_id] < PASS_MOST:
                    again.append(batch[0].destination_id)
            for batch in _claim(again).values():
                running[pool.submit(_send_batch, batch)] = batch
    return sent


def _send_batch(batch: list[Transmission]) -> list[Answer]:
    """Send a destination's claimed transmissions in order over one connection, stopping at
    the first failure (its next try waits for the back-off)."""
    answers: list[Answer] = []
    with httpx.Client(verify=_tls(), timeout=TIMEOUT, follow_redirects=False) as http:
        for transmission in batch:
            answers.append(_attempt(transmission, http=http))
            if not answers[-1].ok:
                break
    return answers


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every send (making one reads the CA bundle: too slow per send)."""
    return httpx.create_ssl_context()


def _claim(destination_ids: list[int]) -> dict[int, list[Transmission]]:
    """Each destination's oldest due transmissions (up to BATCH), marked as being sent: a
    lease, so that if this worker dies they are due again after DATELINE_DISTRIBUTION_LEASE.
    Rows another worker holds are skipped."""
    now = timezone.now()
    claimed: dict[int, list[Transmission]] = {}
    if not destination_ids:
        return claimed
    with transaction.atomic():
        for destination_id in destination_ids:
            batch = list(
                _due(now)
                .filter(
                    destination_id=destination_id,
                    destination__active=True,
                    destination__paused_at__isnull=True,
                )
                .select_related("destination__client")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("created_at", "id")[:BATCH]
            )
            if batch:
                claimed[destination_id] = batch
        pks = [t.pk for batch in claimed.values() for t in batch]
        Transmission.objects.filter(pk__in=pks).update(
            status="sending", next_attempt_at=now, attempts=F("attempts") + 1
        )
    for batch in claimed.values():
        for transmission in batch:
            transmission.status, transmission.next_attempt_at = "sending", now
            transmission.attempts += 1
    return claimed


@dataclass
class Answer:
    status_code: int | None = None
    text: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _attempt(transmission: Transmission, *, http: httpx.Client) -> Answer:
    destination = transmission.destination
    try:
        if destination.kind == "webhook":
            return webhook_post(destination=destination, transmission=transmission, http=http)
        send = {"email": email_send, "sftp": sftp_upload, "ftps": ftps_upload}[destination.kind]
        return send(destination=destination, transmission=transmission)
    except Exception as error:  # one destination must not stop the worker
        logger.exception("Sending transmission %s failed", transmission.pk)
        return Answer(error=f"{type(error).__name__}: {error}")


def _record(finished: list[tuple[list[Transmission], list[Answer]]]) -> None:
    """Write the attempts made and their outcomes, for every batch finished, in one
    transaction; claimed transmissions not tried (after a failure) go back to the queue as
    they were."""
    now = timezone.now()
    attempts, delivered, untried, failures = [], [], [], []
    for batch, answers in finished:
        for transmission, answer in zip(batch, answers, strict=False):
            attempts.append(
                TransmissionAttempt(
                    transmission=transmission,
                    status_code=answer.status_code,
                    answer=answer.text[:ANSWER_KEPT],
                    error=answer.error[:ANSWER_KEPT],
                )
            )
            if answer.ok:
                delivered.append(transmission.pk)
            else:
                failures.append((transmission, answer))
        untried += [t.pk for t in batch[len(answers) :]]
    with transaction.atomic():
        TransmissionAttempt.objects.bulk_create(attempts)
        Transmission.objects.filter(pk__in=delivered).update(
            status="sent", sent_at=now, last_error=""
        )
        Transmission.objects.filter(pk__in=untried).update(
            status="queued", attempts=F("attempts") - 1
        )
        for transmission, answer in failures:
            reason = answer.error or _("It answered %(status)s.") % {"status": answer.status_code}
            transmission.last_error = reason
            if now - transmission.created_at >= GIVE_UP_AFTER:
                transmission.status = "failed"
            else:
                transmission.status = "queued"
                transmission.next_attempt_at = now + retry_delay(transmission.attempts)
            transmission.save(update_fields=["status", "next_attempt_at", "last_error"])
    failing = {t.destination_id for t, _answer in failures}
    recovered = [
        batch[0].destination_id
        for batch, _answers in finished
        if batch[0].destination_id not in failing and batch[0].destination.failing_since
    ]
    Destination.objects.filter(pk__in=recovered).update(failing_since=None)
    for transmission, _answer in failures:
        _failing(transmission.destination, reason=transmission.last_error, now=now)


def _failing(destination: Destination, *, reason: str, now: datetime) -> None:
    """Note since when the destination fails; past the pause limit it is paused and the
    editors are told (once)."""
    since = destination.failing_since or now
    if destination.failing_since is None:
        Destination.objects.filter(pk=destination.pk).update(failing_since=now)
    if now - since < settings.DATELINE_DISTRIBUTION_PAUSE_AFTER or destination.paused_at:
        return
    paused = Destination.objects.filter(pk=destination.pk, paused_at__isnull=True).update(
        paused_at=now, paused_reason=reason
    )
    if paused:
        _tell_editors(destination, reason=reason)


def _tell_editors(destination: Destination, *, reason: str) -> None:
    editors = User.objects.filter(groups__name="Editors", is_active=True, email__gt="").values_list(
        "email", flat=True
    )
    subject = _("Distribution to %(client)s paused") % {"client": destination.client.name}
    body = _(
        "Sending to %(url)s has failed since %(since)s and is paused: %(reason)s\n"
        "Resume it in the admin (Settings → Distribution) when the client has mended it."
    ) % {"url": destination.url, "since": destination.failing_since or "", "reason": reason}
    send_mail(subject, body, None, sorted(set(editors)), fail_silently=True)
    logger.warning("Distribution to %s paused: %s", destination, reason)


def destination_resume(*, destination: Destination) -> None:
    """Send again to a paused destination: what waited is due at once."""
    Destination.objects.filter(pk=destination.pk).update(
        paused_at=None, paused_reason="", failing_since=None
    )
    destination.transmissions.filter(status="queued").update(next_attempt_at=timezone.now())


def transmission_resend(*, transmission: Transmission) -> None:
    """An editor sends a transmission again (sent or failed): the same key, so a receiver
    that has it can tell."""
    Transmission.objects.filter(pk=transmission.pk).update(
        status="queued", next_attempt_at=timezone.now(), sent_at=None
    )


# The webhook ------------------------------------------------------------------------------


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<HMAC-SHA256 of "<t>." + body, in hex>`: the receiver recomputes it
    with the shared secret and refuses an old timestamp (no replays)."""
    digest = hmac.new(
        secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_post(
    *, destination: Destination, transmission: Transmission, http: httpx.Client
) -> Answer:
    """POST the payload over `http` (the batch's connection, which follows no redirect);
    anything but a 2xx (a redirect, a timeout, a bad certificate, a
    private address) is a failure with its reason. Never follows redirects."""
    try:
        outbound_url_check(destination.url, schemes=("https", "http"))
    except Refused as refused:
        return Answer(error=refused.message)
    body = transmission.payload.encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": CONTENT_TYPES[destination.format],
        "Idempotency-Key": transmission.key,
        SIGNATURE_HEADER: webhook_signature(
            secret=destination.secret, timestamp=timestamp, body=body
        ),
        "X-Dateline-Event": transmission.kind,
        "User-Agent": "Dateline distribution",
    }
    try:
        response = http.post(destination.url, content=body, headers=headers)
    except httpx.HTTPError as error:
        return Answer(error=f"{type(error).__name__}: {error}".rstrip(": "))
    if response.is_redirect:
        return Answer(
            status_code=response.status_code,
            error=_("It redirected to %(where)s; redirects are not followed.")
            % {"where": response.headers.get("location", "?")},
        )
    return Answer(status_code=response.status_code, text=response.text)


# E-mail -------------------------------------------------------------------------------------


def email_send(*, destination: Destination, transmission: Transmission) -> Answer:
    """The document attached to a message saying what it is; the idempotency key in a
    header, so a client's robot can drop a repeat."""
    headline = _headline(transmission.payload)
    label = transmission.get_kind_display()
    message = EmailMessage(
        subject=f"[{label}] {headline}"[:200],
        body=_("%(kind)s of article %(id)s, version %(version)s: the document is attached.")
        % {"kind": label, "id": transmission.article_ref, "version": transmission.version},
        to=[destination.email],
        headers={"X-Dateline-Idempotency-Key": transmission.key},
    )
    message.attach(
        f"article-{transmission.article_ref}-{transmission.version}.{EXTENSIONS[destination.format]}",
        transmission.payload,
        CONTENT_TYPES[destination.format].split(";")[0],
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        return Answer(error=f"{type(error).__name__}: {error}")
    return Answer(status_code=250, text="accepted by the mail server")


def _headline(payload: str) -> str:
    """The headline of a payload in any of our formats."""
    if payload.startswith("<"):
        root = etree.fromstring(payload.encode())
        found = root.find(".//{*}contentMeta/{*}headline")
        found = found if found is not None else root.find(".//{*}hedline/{*}hl1")
        return found.text or "" if found is not None else ""
    headlines = json.loads(payload).get("headlines") or [{}]
    return headlines[0].get("value", "")


# SFTP -----------------------------------------------------------------------------------------


def sftp_upload(*, destination: Destination, transmission: Transmission) -> Answer:
    """Upload the document to the client's server: only to the server holding the host key
    given (never trusting a new one), under a temporary name renamed when whole, named by
    article, version and idempotency key (a repeat replaces itself)."""
    parts = urlsplit(destination.url)
    try:
        outbound_url_check(destination.url, schemes=("sftp",))
    except Refused as refused:
        return Answer(error=refused.message)
    host, port = parts.hostname or "", parts.port or 22
    try:
        expected = paramiko.hostkeys.HostKeyEntry.from_line(f"{host} {destination.host_key}")
    except (paramiko.SSHException, ValueError, IndexError):
        expected = None
    if expected is None:
        return Answer(error=_("The host key given is not one SSH can read."))
    name, folder = _file_name(destination, transmission), parts.path.rstrip("/") or "."
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
            transport = paramiko.Transport(sock)
            try:
                transport.start_client(timeout=TIMEOUT)
                if transport.get_remote_server_key() != expected.key:
                    return Answer(error=_("The server's host key is not the one given: refused."))
                transport.auth_password(unquote(parts.username or ""), destination.password)
                sftp = paramiko.SFTPClient.from_transport(transport)
                if sftp is None:
                    return Answer(error=_("The server opened no SFTP session."))
                sftp.get_channel().settimeout(TIMEOUT)
                partial = f"{folder}/.{name}.part"
                sftp.putfo(io.BytesIO(transmission.payload.encode()), partial)
                sftp.posix_rename(partial, f"{folder}/{name}")
            finally:
                transport.close()
    except (OSError, paramiko.SSHException) as error:
        return Answer(error=f"{type(error).__name__}: {error}".rstrip(": "))
    return Answer(status_code=200, text=f"uploaded {folder}/{name}")


def _file_name(destination: Destination, transmission: Transmission) -> str:
    """Named by article, version and idempotency key: a repeat replaces itself."""
    name = f"{transmission.article_ref}-{transmission.version}-{transmission.key}"
    return f"{name}.{EXTENSIONS[destination.format]}"


# FTPS -----------------------------------------------------------------------------------------


def ftps_upload(*, destination: Destination, transmission: Transmission) -> Answer:
    """Upload over FTP with TLS on the commands and the data (explicit FTPS): the server must
    show a certificate a public authority signed for its name, or the one given; the file is
    written under a temporary name and renamed when whole."""
    parts = urlsplit(destination.url)
    try:
        outbound_url_check(destination.url, schemes=("ftps",))
    except Refused as refused:
        return Answer(error=refused.message)
    try:
        context = ssl.create_default_context(cadata=destination.tls_certificate.strip() or None)
    except (ssl.SSLError, ValueError):
        return Answer(error=_("The certificate given is not one TLS can read."))
    name, folder = _file_name(destination, transmission), parts.path.strip("/")
    ftp = ftplib.FTP_TLS(context=context, timeout=TIMEOUT)  # noqa: S321 (TLS on both channels)
    try:
        ftp.connect(parts.hostname or "", parts.port or 21)
        ftp.login(unquote(parts.username or ""), destination.password)  # TLS before the login
        ftp.prot_p()  # and on the data
        if folder:
            ftp.cwd(folder)
        ftp.storbinary(f"STOR .{name}.part", io.BytesIO(transmission.payload.encode()))
        ftp.rename(f".{name}.part", name)
        ftp.quit()
    except ftplib.all_errors as error:
        return Answer(error=f"{type(error).__name__}: {error}".rstrip(": "))
    finally:
        ftp.close()
    return Answer(status_code=226, text=f"uploaded {folder or '.'}/{name}")
