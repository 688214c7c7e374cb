"""Subscribers: subscribing by e-mail with double opt-in, preferences and unsubscribing by
signed link."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dateline.core.errors import Refused
from dateline.core.ratelimits import rate_exceeded
from dateline.newsroom.models import SectionPage, Story
from dateline.subscriptions import mail
from dateline.subscriptions.choices import Choices
from dateline.subscriptions.models import Subscriber, Subscription
from dateline.subscriptions.tokens import CONFIRM, token_make, token_read

logger = logging.getLogger(__name__)


def subscription_request(
    *, email: str, language: str, choices: Choices, address: str | None = None
) -> None:
    """Ask `email` to confirm `choices`. The answer is the same whether the address is
    new or known, so the form tells nobody who subscribes."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise Refused(_("Enter a valid e-mail address."), code="email") from None
    if not choices:
        raise Refused(_("Choose at least one newsletter or alert."), code="empty")
    _sections_exist(choices, language)
    _stories_exist(choices, language)
    if (
        address
        and rate_exceeded(
            group="subscribe.address", value=address, rate=settings.DATELINE_SUBSCRIBE_RATE
        )
    ) or rate_exceeded(group="subscribe.email", value=email, rate=settings.DATELINE_SUBSCRIBE_RATE):
        raise Refused(_("Too many requests. Please try again in an hour."), code="rate", status=429)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language}
        )
        # Nothing about a known subscriber changes until the link is followed: an address
        # typed by someone else must not move its owner to another edition.
        subscriber.confirmation_nonce = secrets.token_hex(16)
        subscriber.confirmation_sent_at = timezone.now()
        subscriber.save(update_fields=["confirmation_nonce", "confirmation_sent_at"])
    token = token_make(
        CONFIRM,
        {
            "s": subscriber.pk,
            "n": subscriber.confirmation_nonce,
            "l": language,
            **choices.as_payload(),
        },
    )
    with translation.override(language):
        subject = _("Confirm your subscription")
    subscriber.language = language  # this mail, in the language it was asked in
    mail.mail_compose(
        to=subscriber,
        template="confirm",
        subject=subject,
        context={
            "confirm_url": mail.subscription_url("subscriptions:confirm", language, token),
            "choices": choices_described(choices=choices),
        },
    ).send()


@dataclass(frozen=True)
class Confirmation:
    subscriber: Subscriber
    choices: Choices
    language: str


def subscription_confirm_preview(*, token: str) -> Confirmation:
    """What a confirmation link would confirm; nothing changes until it is posted."""
    payload = token_read(CONFIRM, token)
    subscriber = _subscriber(payload)
    if not subscriber.confirmation_nonce or payload.get("n") != subscriber.confirmation_nonce:
        raise Refused(
            _("This link has already been used, or a newer one was sent."), code="used", status=409
        )
    language = payload.get("l") if payload.get("l") in dict(settings.LANGUAGES) else None
    return Confirmation(subscriber, Choices.from_payload(payload), language or subscriber.language)


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm the choices in the link once; a replayed link changes nothing."""
    confirmation = subscription_confirm_preview(token=token)
    subscriber = confirmation.subscriber
    claimed = Subscriber.objects.filter(
        pk=subscriber.pk, confirmation_nonce=subscriber.confirmation_nonce
    ).update(
        confirmation_nonce="",
        confirmed_at=subscriber.confirmed_at or timezone.now(),
        language=confirmation.language,
    )
    if not claimed:  # the same link posted twice at once
        raise Refused(_("This link has already been used."), code="used", status=409)
    subscriber.refresh_from_db()
    _subscriptions_set(subscriber, Choices.of(subscriber).union(confirmation.choices))
    return subscriber


def subscriber_from_link(*, purpose: str, token: str) -> tuple[Subscriber, dict]:
    payload = token_read(purpose, token)
    return _subscriber(payload), payload


@transaction.atomic
def preferences_save(*, subscriber: Subscriber, choices: Choices) -> None:
    """Exactly these subscriptions from now on; none means unsubscribed from everything."""
    _sections_exist(choices, subscriber.language)
    _stories_exist(choices, subscriber.language)
    _subscriptions_set(subscriber, choices)


def unsubscribe(*, subscriber: Subscriber, scope: str) -> None:
    """Stop one kind of mail (the one the link came in) or, with "all", every kind."""
    subscriptions = subscriber.subscriptions.all()
    if scope != "all":
        kind, _sep, which = scope.partition(":")
        subscriptions = subscriptions.filter(kind=kind)
        if which and kind == Subscription.Kind.STORY:
            subscriptions = subscriptions.filter(story_id=int(which))
        elif which:
            subscriptions = subscriptions.filter(section_id=int(which))
    subscriptions.delete()


def _subscriber(payload: dict) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None:
        raise Refused(_("This subscription no longer exists."), code="gone", status=410)
    return subscriber


def _sections_exist(choices: Choices, language: str) -> None:
    found = SectionPage.objects.live().filter(
        pk__in=choices.sections, locale__language_code=language
    )
    if found.count() != len(choices.sections):
        raise Refused(_("Choose sections from the list."), code="section")


def _stories_exist(choices: Choices, language: str) -> None:
    found = Story.objects.filter(pk__in=choices.stories, locale__language_code=language)
    if found.count() != len(choices.stories):
        raise Refused(_("There is no such story to follow."), code="story")


def _subscriptions_set(subscriber: Subscriber, choices: Choices) -> None:
    Kind = Subscription.Kind
    wanted: set[tuple[str, int | None, int | None]] = {
        (Kind.SECTION, section, None) for section in choices.sections
    }
    wanted |= {(Kind.STORY, None, story) for story in choices.stories}
    if choices.daily:
        wanted.add((Kind.DAILY, None, None))
    if choices.breaking:
        wanted.add((Kind.BREAKING, None, None))
    current = set(subscriber.subscriptions.values_list("kind", "section_id", "story_id"))
    for kind, section, story in current - wanted:
        subscriber.subscriptions.filter(kind=kind, section_id=section, story_id=story).delete()
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=subscriber, kind=kind, section_id=section, story_id=story)
            for kind, section, story in wanted - current
        ],
        ignore_conflicts=True,
    )


def choices_described(*, choices: Choices) -> list[str]:
    sections = dict(SectionPage.objects.filter(pk__in=choices.sections).values_list("pk", "title"))
    described = [_("The daily digest")] if choices.daily else []
    described += [_("%(section)s digest") % {"section": sections[s]} for s in sorted(sections)]
    if choices.breaking:
        described.append(_("Breaking-news alerts"))
    stories = Story.objects.filter(pk__in=choices.stories).order_by("title")
    described += [_("Updates on the story “%(story)s”") % {"story": s.title} for s in stories]
    return described
