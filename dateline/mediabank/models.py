"""The media bank's photo: Wagtail's image model with IPTC photo metadata."""

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index


class Photo(AbstractImage):
    """A photo with the IPTC Photo Metadata fields a news agency credits and licenses by."""

    headline = models.CharField(_("headline"), max_length=255, blank=True)
    caption = models.TextField(_("caption"), blank=True, help_text=_("IPTC Description."))
    creator = models.CharField(_("creator"), max_length=255, blank=True)
    creator_job_title = models.CharField(_("creator's job title"), max_length=255, blank=True)
    credit_line = models.CharField(_("credit line"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    copyright_notice = models.CharField(_("copyright notice"), max_length=255, blank=True)
    usage_terms = models.TextField(_("usage terms"), blank=True)
    web_statement = models.URLField(_("web statement of rights"), max_length=500, blank=True)
    date_created = models.DateTimeField(_("date created"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=128, blank=True)
    sublocation = models.CharField(_("sublocation"), max_length=255, blank=True)
    province_state = models.CharField(_("province or state"), max_length=128, blank=True)
    country = models.CharField(_("country"), max_length=128, blank=True)
    country_code = models.CharField(_("country code"), max_length=3, blank=True)
    keywords = models.TextField(_("keywords"), blank=True, help_text=_("Comma-separated."))
    persons_shown = models.TextField(
        _("persons shown"), blank=True, help_text=_("Comma-separated.")
    )
    job_id = models.CharField(_("job id"), max_length=255, blank=True)
    instructions = models.TextField(_("instructions"), blank=True)
    metadata_problems = models.TextField(
        _("metadata problems"),
        blank=True,
        help_text=_("What could not be read from the file's own metadata when it was imported."),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "headline",
        "caption",
        "creator",
        "creator_job_title",
        "credit_line",
        "source",
        "copyright_notice",
        "usage_terms",
        "web_statement",
        "date_created",
        "city",
        "sublocation",
        "province_state",
        "country",
        "country_code",
        "keywords",
        "persons_shown",
        "job_id",
        "instructions",
        "metadata_problems",
    )

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("caption"),
        index.SearchField("headline"),
        index.SearchField("creator"),
        index.SearchField("keywords"),
        index.SearchField("persons_shown"),
        index.SearchField("city"),
        index.SearchField("country"),
        index.FilterField("date_created"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        permissions = [("download_original", _("Can download the original file"))]

    def generate_rendition_file(self, filter: Any, *, source: File | None = None) -> File:
        """Every rendition carries the photo's credit in its own metadata (see credits.py)."""
        from dateline.mediabank.credits import credit_embed

        generated = super().generate_rendition_file(filter, source=source)
        generated.seek(0)
        content = credit_embed(generated.read(), self)
        return ContentFile(content, name=generated.name)

    @property
    def alt_text(self) -> str:
        return self.description or self.caption or self.title

    @property
    def place(self) -> str:
        parts = (self.sublocation, self.city, self.province_state, self.country)
        return ", ".join(part for part in parts if part)


class PhotoDownload(models.Model):
    """One download of an original by a licensed client: who, what, when."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("original download")
        verbose_name_plural = _("original downloads")
        ordering = ["-downloaded_at"]

    def __str__(self) -> str:
        return f"{self.photo_id} by {self.user_id} at {self.downloaded_at:%Y-%m-%d %H:%M}"


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
