"""Snippets an article refers to: the agency it comes from, its authors, its story thread."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Agency(TranslatableMixin, models.Model):
    """An originating news agency, named in the dateline ("RIA Novosti")."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=64, help_text=_("As it appears in the dateline.")
    )
    url = models.URLField(_("web site"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Author(index.Indexed, models.Model):
    """A byline. Authors write in any edition, so they are not translated."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "mediabank.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Story(TranslatableMixin, models.Model):
    """A story thread that follows one subject across many articles."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
