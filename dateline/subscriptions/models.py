"""Readers who asked for news by e-mail or push, and every mailing sent to them.

A mailing (a daily digest, a section digest, a breaking-news alert) is composed once and
kept; each recipient has one delivery row per mailing, and the row is claimed before its
mail goes out, so a retried task or a second worker never sends it twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    """An e-mail address; no account needed. Active once confirmed (double opt-in)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # One pending confirmation at a time; a used or superseded link no longer matches.
    confirmation_nonce = models.CharField(max_length=32, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    class Kind(models.TextChoices):
        DAILY = "daily", _("Daily digest")
        SECTION = "section", _("Section digest")
        BREAKING = "breaking", _("Breaking news")
        STORY = "story", _("Story updates")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    section = models.ForeignKey(
        "newsroom.SectionPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    story = models.ForeignKey(
        "newsroom.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [  # a NULL section is its own scope: one constraint for each case
            models.UniqueConstraint(
                fields=["subscriber", "kind"],
                condition=models.Q(section__isnull=True, story__isnull=True),
                name="one_subscription_per_kind",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "story"],
                condition=models.Q(story__isnull=False),
                name="one_subscription_per_story",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "kind", "section"],
                condition=models.Q(section__isnull=False),
                name="one_subscription_per_kind_and_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.kind}"


class Mailing(models.Model):
    """One digest or alert, composed once: its articles are fixed when it is created."""

    class Status(models.TextChoices):
        SENDING = "sending", _("sending")
        DONE = "done", _("done")
        EMPTY = "empty", _("nothing new")

    kind = models.CharField(_("kind"), max_length=16, choices=Subscription.Kind.choices)
    language = models.CharField(_("language"), max_length=8)
    section = models.ForeignKey(
        "newsroom.SectionPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    story = models.ForeignKey(
        "newsroom.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day of a digest ("2026-11-28") or the article of an alert: what makes it unique.
    key = models.CharField(_("key"), max_length=64)
    period_start = models.DateTimeField(_("since"), null=True, blank=True)
    period_end = models.DateTimeField(_("until"))
    article_ids = models.JSONField(_("articles"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When a worker was last asked to send it: a mailing left unfinished is asked again.
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "key"],
                condition=models.Q(section__isnull=True),
                name="one_mailing_per_kind_and_key",
            ),
            models.UniqueConstraint(
                fields=["kind", "language", "section", "key"],
                condition=models.Q(section__isnull=False),
                name="one_mailing_per_section_kind_and_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.language} {self.key}"


class Delivery(models.Model):
    """One mailing to one recipient (an e-mail subscriber or a push subscription)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    push = models.ForeignKey(
        "subscriptions.PushSubscription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a browser that went away leaves its delivery record
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"],
                condition=models.Q(subscriber__isnull=False),
                name="one_delivery_per_mailing_and_subscriber",
            ),
            models.UniqueConstraint(
                fields=["mailing", "push"],
                condition=models.Q(push__isnull=False),
                name="one_delivery_per_mailing_and_push",
            ),
        ]
        indexes = [models.Index(fields=["mailing", "status"])]

    def __str__(self) -> str:
        return f"{self.mailing} → {self.subscriber or self.push}: {self.status}"


class PushSubscription(models.Model):
    """A browser that asked for breaking-news notifications (Web Push, RFC 8030)."""

    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return self.endpoint[:80]
