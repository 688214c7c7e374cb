"""Breaking news as Web Push notifications (RFC 8030/8291 through pywebpush, VAPID)."""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from dateline.core.errors import Refused
from dateline.core.outbound import outbound_url_check
from dateline.newsroom.models import ArticlePage
from dateline.subscriptions.models import Delivery, Mailing, PushSubscription

GONE = (404, 410)  # the push service forgot this browser: stop sending to it
TTL_SECONDS = 6 * 3600  # breaking news older than this is not worth a notification


def push_enabled() -> bool:
    return bool(settings.DATELINE_VAPID_PRIVATE_KEY)


def vapid_public_key() -> str:
    """The application server key browsers subscribe with (derived from the private key)."""
    return _public_key_of(settings.DATELINE_VAPID_PRIVATE_KEY)


@cache  # a curve multiplication: once per key, not once per page
def _public_key_of(private_key: str) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Vapid.from_string(private_key).public_key
    raw = public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def push_subscribe(*, data: Any, language: str) -> PushSubscription:
    """Store a browser's subscription (the JSON `PushSubscription.toJSON()` gives)."""
    if not push_enabled():
        raise Refused(_("Notifications are not offered here."), code="disabled", status=404)
    try:
        endpoint = data["endpoint"]
        keys = data["keys"]
        p256dh, auth = str(keys["p256dh"]), str(keys["auth"])
        URLValidator(schemes=["https", "http"])(endpoint)
        # The worker will post to it: a public https push service, never our own network.
        secure_only = not settings.DATELINE_ALLOW_PRIVATE_NETWORK
        outbound_url_check(endpoint, schemes=("https",) if secure_only else ("http", "https"))
        base64.urlsafe_b64decode(p256dh + "==")
        base64.urlsafe_b64decode(auth + "==")
    except (KeyError, TypeError, ValueError, ValidationError):
        raise Refused(_("That is not a browser push subscription."), code="format") from None
    if len(endpoint) > 1000 or len(p256dh) > 200 or len(auth) > 100:
        raise Refused(_("That is not a browser push subscription."), code="format")
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"p256dh": p256dh, "auth": auth, "language": language}
    )
    return subscription


def push_unsubscribe(*, endpoint: str) -> bool:
    return bool(PushSubscription.objects.filter(endpoint=endpoint).delete()[0])


def deliveries_create(mailing: Mailing) -> None:
    if not push_enabled():
        return
    Delivery.objects.bulk_create(
        [
            Delivery(mailing=mailing, push=subscription)
            for subscription in PushSubscription.objects.filter(language=mailing.language)
        ],
        ignore_conflicts=True,
    )


def push_delivery(
    mailing: Mailing, subscription: PushSubscription, articles: list[ArticlePage]
) -> None:
    from dateline.subscriptions.mail import public_url

    article = articles[0]
    payload = {"title": article.title, "body": article.lede[:200], "url": public_url(article.url)}
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(payload),
            vapid_private_key=settings.DATELINE_VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.DATELINE_VAPID_SUBJECT},
            ttl=TTL_SECONDS,
            timeout=10,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE:
            subscription.delete()
        raise RuntimeError(f"Push service answered {status}: {error.message}") from None
