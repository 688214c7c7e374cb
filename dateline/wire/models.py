"""The wire desk: agencies' sources, every item they sent in every version, and what
could not be read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.core.errors import Refused
from dateline.wire.parsers import FORMATS


class WireSource(models.Model):
    FORMAT_CHOICES = [("auto", _("Detect from the content")), *((f, f) for f in FORMATS)]

    name = models.CharField(_("name"), max_length=100, unique=True)
    agency = models.ForeignKey(
        "newsroom.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=16, choices=FORMAT_CHOICES, default="auto")
    location = models.CharField(
        _("where to read"),
        max_length=500,
        help_text=_("A drop folder on this server, or an http(s) address to poll."),
    )
    poll_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=5)
    section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("target section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Articles made from this source's items go here (and so to its edition)."),
    )
    auto_publish = models.BooleanField(
        _("publish automatically"),
        default=False,
        help_text=_("Publish an article from each new item at once, without an editor."),
    )
    active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    def clean(self) -> None:
        from dateline.wire.services.sources import source_location_check

        try:
            source_location_check(location=self.location)
        except Refused as refused:
            raise ValidationError({"location": refused.message}) from None


class WireItem(models.Model):
    """The latest version of one agency item; older versions are in `versions`."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(_("guid"), max_length=500)
    version = models.PositiveIntegerField(_("version"), default=1)
    format = models.CharField(_("format"), max_length=16)
    item_class = models.CharField(_("kind"), max_length=16, default="text")
    headline = models.CharField(_("headline"), max_length=500)
    lede = models.TextField(_("lede"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    dateline_place = models.CharField(_("dateline place"), max_length=200, blank=True)
    dateline_text = models.CharField(_("dateline"), max_length=300, blank=True)
    dateline_date = models.DateTimeField(_("dateline date"), null=True, blank=True)
    agency_name = models.CharField(_("agency"), max_length=200, blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True)
    pictures = models.JSONField(_("pictures"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    raw = models.TextField(_("payload as received"))
    fingerprint = models.CharField(max_length=40, db_index=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A newer version arrived after an article was made from this item.
    article_outdated = models.BooleanField(_("wire copy updated"), default=False)
    STATUS_CHOICES = [
        ("usable", _("usable")),
        ("withheld", _("withheld")),
        ("canceled", _("killed")),
    ]
    status = models.CharField(
        _("publication status"), max_length=16, choices=STATUS_CHOICES, default="usable"
    )
    embargoed_until = models.DateTimeField(_("embargoed until"), null=True, blank=True)
    ed_note = models.TextField(_("note to editors"), blank=True)
    usage_terms = models.TextField(_("usage terms"), blank=True)
    first_created = models.DateTimeField(_("first created"), null=True, blank=True)
    version_created = models.DateTimeField(_("version created"), null=True, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="one_item_per_source_guid")
        ]

    def __str__(self) -> str:
        return self.headline


class WireItemVersion(models.Model):
    """Every version of every item, as received."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    headline = models.CharField(_("headline"), max_length=500)
    raw = models.TextField(_("payload as received"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("wire item version")
        verbose_name_plural = _("wire item versions")
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="one_row_per_item_version")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class WireFailure(models.Model):
    """Input that could not be ingested, with the reason, for the desk to see."""

    source = models.ForeignKey(
        WireSource, null=True, blank=True, on_delete=models.CASCADE, related_name="failures"
    )
    origin = models.CharField(_("file or address"), max_length=500, blank=True)
    reason = models.TextField(_("reason"))
    excerpt = models.TextField(_("beginning of the input"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wire failure")
        verbose_name_plural = _("wire failures")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason[:60]}"
