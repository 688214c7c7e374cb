"""Partners' keys to the ninjs API (read-only, stored as hashes, revocable), and the clients
the agency pushes its copy to: their destinations and every transmission."""

from __future__ import annotations

import secrets
import ssl
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A partner's key. Only a SHA-256 of the key is kept; the key is shown once, at creation."""

    name = models.CharField(_("partner"), max_length=255)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name", "created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DistributionClient(models.Model):
    """A newspaper, broadcaster or portal that takes the agency's copy by push, and which
    copy it takes (empty filters take everything)."""

    name = models.CharField(_("client"), max_length=255, unique=True)
    active = models.BooleanField(_("active"), default=True)
    languages = models.JSONField(
        _("editions"),
        default=list,
        blank=True,
        help_text=_('Language codes of the editions it takes, e.g. ["en"]; empty for all.'),
    )
    sections = models.ManyToManyField(
        "newsroom.SectionPage", verbose_name=_("sections"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        "taggit.Tag", verbose_name=_("topics"), blank=True, related_name="+"
    )
    urgency_max = models.PositiveSmallIntegerField(
        _("urgency up to"), default=8, help_text=_("1 takes only the most urgent; 8 takes all.")
    )

    class Meta:
        verbose_name = _("distribution client")
        verbose_name_plural = _("distribution clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Destination(models.Model):
    """Where a client's copy goes, in which format: an HTTPS endpoint (a webhook signed with
    HMAC-SHA256 over the timestamp and the body), a folder on an SFTP or FTPS server, or an
    e-mail address (the document attached)."""

    KIND_CHOICES = [
        ("webhook", _("HTTPS POST (webhook)")),
        ("sftp", _("SFTP upload")),
        ("ftps", _("FTPS upload")),
        ("email", _("E-mail")),
    ]
    FORMAT_CHOICES = [
        ("ninjs-2.2", "ninjs 2.2"),
        ("ninjs-3.1", "ninjs 3.1"),
        ("newsml-g2", "NewsML-G2 2.35"),
        ("nitf", "NITF 3.6"),
    ]

    client = models.ForeignKey(
        DistributionClient, on_delete=models.CASCADE, related_name="destinations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES, default="webhook")
    format = models.CharField(
        _("format"), max_length=16, choices=FORMAT_CHOICES, default="ninjs-2.2"
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_(
            "https://… for a webhook; sftp://user@host:port/folder or "
            "ftps://user@host:port/folder for an upload."
        ),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    password = models.CharField(
        _("password"), max_length=255, blank=True, help_text=_("For an SFTP or FTPS upload.")
    )
    host_key = models.TextField(
        _("SFTP host key"),
        blank=True,
        help_text=_(
            'The server\'s public key as in known_hosts ("ssh-ed25519 AAAA…"): an upload '
            "goes only to the server that holds it."
        ),
    )
    tls_certificate = models.TextField(
        _("FTPS server certificate"),
        blank=True,
        help_text=_(
            "The server's certificate (PEM) when no public authority signed it: an upload "
            "then trusts that certificate only. Leave empty for a publicly signed one."
        ),
    )
    secret = models.CharField(_("signing secret"), max_length=64, editable=False)
    active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    paused_reason = models.TextField(_("why paused"), blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)

    class Meta:
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")
        ordering = ["client__name", "url"]

    def __str__(self) -> str:
        return f"{self.client} → {self.url or self.email}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.secret:  # made once; the operator gives it to the client
            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.kind == "webhook":
            try:
                URLValidator(schemes=["https", "http"])(self.url)
            except ValidationError:
                raise ValidationError(
                    {"url": _("A webhook needs the https:// address to post to.")}
                ) from None
        if self.kind in ("sftp", "ftps"):
            parts = urlsplit(self.url)
            if parts.scheme != self.kind or not parts.hostname or not parts.username:
                raise ValidationError(
                    {
                        "url": _("Write it as %(scheme)s://user@host:port/folder.")
                        % {"scheme": self.kind}
                    }
                )
        if self.kind == "sftp" and not self.host_key.strip():
            raise ValidationError({"host_key": _("Give the server's host key.")})
        if self.kind == "ftps" and self.tls_certificate.strip():
            try:
                ssl.create_default_context(cadata=self.tls_certificate.strip())
            except (ssl.SSLError, ValueError):
                raise ValidationError(
                    {"tls_certificate": _("This is not a certificate in PEM form.")}
                ) from None
        if self.kind == "email" and not self.email:
            raise ValidationError({"email": _("Give the address to mail the copy to.")})


class Transmission(models.Model):
    """One version of one article (or its kill notice) for one destination: sent once,
    retried with back-off until it is, every attempt logged."""

    KIND_CHOICES = [
        ("publish", _("publication")),
        ("update", _("update")),
        ("kill", _("kill notice")),
    ]
    STATUS_CHOICES = [
        ("queued", _("queued")),
        ("sending", _("sending")),
        ("sent", _("sent")),
        ("failed", _("failed")),
    ]

    destination = models.ForeignKey(
        Destination, on_delete=models.CASCADE, related_name="transmissions"
    )
    article_ref = models.BigIntegerField(_("article id"), db_index=True)
    version = models.CharField(_("version"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    # Sent with every attempt: the receiver keeps the first and drops any repeat.
    key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    payload = models.TextField(_("payload"))
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default="queued", db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("transmission")
        verbose_name_plural = _("transmissions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "article_ref", "version"],
                name="one_transmission_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.article_ref} v{self.version} → {self.destination}"


class TransmissionAttempt(models.Model):
    transmission = models.ForeignKey(
        Transmission, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("answer status"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("transmission attempt")
        verbose_name_plural = _("transmission attempts")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        outcome = self.status_code or self.error
        return f"{self.transmission_id} at {self.at:%Y-%m-%d %H:%M:%S}: {outcome}"


class WebSubSubscription(models.Model):
    """A subscriber to one of our feeds through the hub (W3C WebSub): told of a change by a
    POST of the feed to its callback, once its intent was verified, until its lease ends."""

    topic = models.CharField(_("feed"), max_length=500)
    callback = models.URLField(_("callback"), max_length=500)
    secret = models.CharField(_("secret"), max_length=200, blank=True)
    lease_seconds = models.PositiveIntegerField(_("lease (seconds)"), default=864000)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now=True)
    last_error = models.TextField(_("last error"), blank=True)
    # A push that failed is made again (with the feed as it is then) at `retry_at`, backing
    # off as distribution does, for a day from the first failure.
    failures = models.PositiveIntegerField(_("failed pushes in a row"), default=0)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    retry_at = models.DateTimeField(_("next try"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("WebSub subscription")
        verbose_name_plural = _("WebSub subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["topic", "callback"], name="one_subscription_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.callback} ← {self.topic}"
