"""A WebSub hub (W3C Recommendation) for our feeds: subscribers get a feed pushed within
seconds of a publish, instead of polling it.

A subscriber POSTs `hub.mode`, `hub.topic` (one of our feed addresses) and `hub.callback`
to `/websub/`; the hub answers 202 and the worker verifies the intent (a GET to the callback
with a challenge it must echo). On a publish, the worker POSTs each changed feed of the
edition to its verified subscribers, signed with `X-Hub-Signature: sha256=…` when they gave
a secret. Callbacks on private networks are refused, as for every address we call.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from django.conf import settings
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dateline.core.errors import Refused
from dateline.core.outbound import outbound_url_check
from dateline.syndication.backoff import GIVE_UP_AFTER, retry_delay
from dateline.syndication.models import WebSubSubscription

logger = logging.getLogger(__name__)

TIMEOUT = 10.0
LEASE_DEFAULT = 10 * 24 * 3600
LEASE_MOST = 30 * 24 * 3600
FEED_VIEWS = {"feed_rss", "feed_atom", "feed_withdrawn"}


def hub_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/websub/"


def websub_request(
    *, mode: str, topic: str, callback: str, lease: str = "", secret: str = ""
) -> WebSubSubscription:
    """A subscriber's request, checked: a subscribe or unsubscribe of one of our feeds, to a
    public http(s) callback. Returns the subscription to verify; raises `Refused`."""
    if mode not in ("subscribe", "unsubscribe"):
        raise Refused(_("hub.mode is subscribe or unsubscribe."), code="mode")
    if _feed_path(topic) is None:
        raise Refused(_("hub.topic is not one of this site's feeds."), code="topic")
    outbound_url_check(callback)
    if len(secret) > 199:
        raise Refused(_("hub.secret is longer than 199 bytes."), code="secret")
    try:
        seconds = min(max(int(lease or LEASE_DEFAULT), 60), LEASE_MOST)
    except ValueError:
        raise Refused(_("hub.lease_seconds is a number of seconds."), code="lease") from None
    subscription, _created = WebSubSubscription.objects.get_or_create(
        topic=topic, callback=callback
    )
    if mode == "subscribe":
        subscription.secret, subscription.lease_seconds = secret, seconds
        subscription.save(update_fields=["secret", "lease_seconds", "requested_at"])
    return subscription


def websub_verify(*, subscription_id: int, mode: str) -> bool:
    """Ask the callback to confirm (it echoes the challenge); a subscribe confirmed starts
    its lease, an unsubscribe confirmed ends it."""
    subscription = WebSubSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    challenge = secrets.token_urlsafe(24)
    query = {"hub.mode": mode, "hub.topic": subscription.topic, "hub.challenge": challenge}
    if mode == "subscribe":
        query["hub.lease_seconds"] = str(subscription.lease_seconds)
    joiner = "&" if urlsplit(subscription.callback).query else "?"
    try:
        outbound_url_check(subscription.callback)
        answer = httpx.get(
            subscription.callback + joiner + urlencode(query),
            timeout=TIMEOUT,
            follow_redirects=False,
        )
        confirmed = answer.is_success and answer.text.strip() == challenge
    except (Refused, httpx.HTTPError) as error:
        subscription.last_error = str(error)
        subscription.save(update_fields=["last_error"])
        return False
    if not confirmed:
        subscription.last_error = _("The callback did not echo the challenge.")
        subscription.save(update_fields=["last_error"])
        return False
    if mode == "unsubscribe":
        subscription.delete()
        return True
    now = timezone.now()
    subscription.verified_at, subscription.last_error = now, ""
    subscription.expires_at = now + timedelta(seconds=subscription.lease_seconds)
    subscription.save(update_fields=["verified_at", "expires_at", "last_error"])
    return True


def websub_notify(*, language: str) -> int:
    """Push the edition's feeds that have subscribers to them: each feed rendered once, then
    POSTed to every verified subscriber whose lease runs. Returns deliveries made."""
    return _push(
        subscription
        for subscription in _live()
        if (_feed_path(subscription.topic) or "").startswith(f"/{language}/")
    )


def websub_retry_due() -> int:
    """Push again to the subscribers whose last push failed and whose next try is due: the
    feed as it is now, which carries what they missed. Returns deliveries made."""
    return _push(_live().filter(retry_at__lte=timezone.now()))


def _live() -> Any:
    return WebSubSubscription.objects.filter(
        verified_at__isnull=False, expires_at__gt=timezone.now()
    )


def _push(subscriptions: Iterable[WebSubSubscription]) -> int:
    by_topic: dict[str, list[WebSubSubscription]] = {}
    for subscription in subscriptions:
        if _feed_path(subscription.topic) is not None:
            by_topic.setdefault(subscription.topic, []).append(subscription)
    delivered = 0
    for topic, subscribers in by_topic.items():
        body, content_type = _render(topic)
        for subscription in subscribers:
            delivered += _deliver(subscription, topic=topic, body=body, content_type=content_type)
    return delivered


def _deliver(
    subscription: WebSubSubscription, *, topic: str, body: bytes, content_type: str
) -> int:
    headers = {
        "Content-Type": content_type,
        "Link": f'<{hub_url()}>; rel="hub", <{topic}>; rel="self"',
    }
    if subscription.secret:
        digest = hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
        headers["X-Hub-Signature"] = f"sha256={digest}"
    try:
        outbound_url_check(subscription.callback)
        answer = httpx.post(
            subscription.callback,
            content=body,
            headers=headers,
            timeout=TIMEOUT,
            follow_redirects=False,
        )
    except (Refused, httpx.HTTPError) as error:
        _failed(subscription, reason=str(error) or type(error).__name__)
        return 0
    if answer.status_code == 410:  # the subscriber is gone: so is its subscription
        subscription.delete()
        return 0
    if not answer.is_success:
        _failed(subscription, reason=f"It answered {answer.status_code}.")
        return 0
    if subscription.failures:
        WebSubSubscription.objects.filter(pk=subscription.pk).update(
            failures=0, failing_since=None, retry_at=None, last_error=""
        )
    return 1


def _failed(subscription: WebSubSubscription, *, reason: str) -> None:
    """Back off and try again, for a day from the first failure; then give up (the next
    publish pushes again)."""
    logger.info("WebSub delivery to %s failed: %s", subscription.callback, reason)
    now = timezone.now()
    since = subscription.failing_since or now
    failures = subscription.failures + 1
    given_up = now - since >= GIVE_UP_AFTER
    WebSubSubscription.objects.filter(pk=subscription.pk).update(
        failures=failures,
        failing_since=since,
        retry_at=None if given_up else now + retry_delay(failures),
        last_error=reason,
    )


def _feed_path(topic: str) -> str | None:
    """The path of `topic` when it is one of our feeds on this site, else None."""
    base, parts = urlsplit(settings.WAGTAILADMIN_BASE_URL), urlsplit(topic)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return parts.path if match.url_name in FEED_VIEWS else None


def _render(topic: str) -> tuple[bytes, str]:
    """The feed as a reader fetching it now would get it."""
    path = urlsplit(topic).path
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    request = RequestFactory().get(path, HTTP_HOST=base.netloc, secure=base.scheme == "https")
    match = resolve(path)
    request.LANGUAGE_CODE = path.strip("/").split("/")[0]
    with translation.override(request.LANGUAGE_CODE):
        response = match.func(request, *match.args, **match.kwargs)
    return response.content, response.get("Content-Type", "application/xml")
