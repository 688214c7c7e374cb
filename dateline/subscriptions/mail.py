"""Subscription mail: HTML and plain text in the subscriber's language, with one-click
unsubscribe headers (RFC 8058) on everything sent to a list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dateline.subscriptions.models import Subscriber
from dateline.subscriptions.tokens import PREFERENCES, UNSUBSCRIBE, token_make


def public_url(path: str) -> str:
    """An absolute address on the public site, for mail and push (no request to ask)."""
    return settings.DATELINE_PUBLIC_URL.rstrip("/") + path


def subscription_url(name: str, language: str, token: str) -> str:
    with translation.override(language):
        return public_url(reverse(name, kwargs={"token": token}))


def mail_compose(
    *,
    to: Subscriber,
    template: str,
    subject: str,
    context: dict[str, Any],
    list_id: str | None = None,
    unsubscribe_scope: str = "all",
) -> EmailMultiAlternatives:
    """A message from `template` (.txt and .html) in the subscriber's language.

    Mail to a list (`list_id`) carries a preferences link and the one-click unsubscribe
    headers; the confirmation mail, sent before anything is subscribed, does not.
    """
    language = to.language
    headers: dict[str, str] = {}
    context = {**context, "subscriber": to, "language": language}
    if list_id:
        unsubscribe = subscription_url(
            "subscriptions:unsubscribe",
            language,
            token_make(UNSUBSCRIBE, {"s": to.pk, "k": unsubscribe_scope}),
        )
        context["unsubscribe_url"] = unsubscribe
        context["preferences_url"] = subscription_url(
            "subscriptions:preferences", language, token_make(PREFERENCES, {"s": to.pk})
        )
        headers.update(
            {
                "List-Id": f"<{list_id}>",
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        )
    with translation.override(language):
        text = render_to_string(f"subscriptions/mail/{template}.txt", context)
        html = render_to_string(f"subscriptions/mail/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
