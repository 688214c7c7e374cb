"""The media bank's photo: Wagtail's image model with IPTC photo metadata."""

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

# IPTC Digital Source Type NewsCodes for media made or composited by AI.
AI_SOURCE_TYPES = {
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "algorithmicMedia",
    "compositeSynthetic",
}


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
    date_created = models.DateTimeField(
        _("date and time created"),
        null=True,
        blank=True,
        help_text=_("Left empty when only the day is known."),
    )
    date_created_day = models.DateField(
        _("date created"), null=True, blank=True, help_text=_("The day, where it was taken.")
    )
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
    # IPTC Photo Metadata a news photo desk works with (IPTC's names in the labels).
    creator_contact = models.TextField(_("creator's contact info"), blank=True)
    alt_text_accessibility = models.TextField(
        _("alt text (accessibility)"),
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it: the page's alt text."),
    )
    extended_description = models.TextField(_("extended description (accessibility)"), blank=True)
    digital_source_type = models.CharField(
        _("digital source type"),
        max_length=255,
        blank=True,
        help_text=_("IPTC's code for how the image was made (camera, AI, composite…)."),
    )
    event = models.CharField(_("event"), max_length=255, blank=True)
    subject_codes = models.TextField(_("subject codes"), blank=True)
    scene_codes = models.TextField(_("scene codes"), blank=True)
    copyright_owners = models.TextField(_("copyright owners"), blank=True)
    licensors = models.TextField(_("licensors"), blank=True)
    model_release_status = models.CharField(_("model release"), max_length=255, blank=True)
    model_release_ids = models.TextField(_("model release documents"), blank=True)
    property_release_status = models.CharField(_("property release"), max_length=255, blank=True)
    property_release_ids = models.TextField(_("property release documents"), blank=True)
    data_mining = models.CharField(_("data mining"), max_length=255, blank=True)
    other_constraints = models.TextField(_("other constraints"), blank=True)
    location_shown = models.TextField(_("location shown"), blank=True)
    location_created = models.TextField(_("location created"), blank=True)
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
        "date_created_day",
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
        "alt_text_accessibility",
        "extended_description",
        "creator_contact",
        "digital_source_type",
        "event",
        "location_shown",
        "location_created",
        "subject_codes",
        "scene_codes",
        "copyright_owners",
        "licensors",
        "model_release_status",
        "model_release_ids",
        "property_release_status",
        "property_release_ids",
        "data_mining",
        "other_constraints",
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
        """The rendition's alt: IPTC's alt text for accessibility when the photo has one."""
        return self.alt_text_accessibility or self.description or self.caption or self.title

    @property
    def is_synthetic(self) -> bool:
        """Made or composited by AI (IPTC's digital source types for trained algorithms)."""
        return self.digital_source_type.rstrip("/").rsplit("/", 1)[-1] in AI_SOURCE_TYPES

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
