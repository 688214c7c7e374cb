"""Live coverage: a live blog is an article (so it is listed, searched, fed, mapped and sent
wherever articles are) whose entries are rows, posted by several editors at once from the
desk without a page revision each, and pushed to open pages through the outbox."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from dateline.core.surrogate_keys import request_keys_add
from dateline.newsroom.models.pages import ArticlePage

ENTRY_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class LiveBlogPage(ArticlePage):
    """Breaking news as it happens: a headline, key events kept on top, then entries, the
    latest first. Live from its first publication until its coverage is ended."""

    key_events = RichTextField(
        _("key events"),
        features=ENTRY_FEATURES,
        blank=True,
        help_text=_("The summary kept on top while the story moves."),
    )
    coverage_start = models.DateTimeField(
        _("coverage starts"),
        null=True,
        blank=True,
        help_text=_("Leave empty to start at its first publication."),
    )
    coverage_end = models.DateTimeField(
        _("coverage ended"),
        null=True,
        blank=True,
        help_text=_("Set when the coverage is over: the blog is then no longer live."),
    )

    content_panels = [
        *ArticlePage.content_panels[:2],
        FieldPanel("key_events"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("coverage_start"), FieldPanel("coverage_end")])],
            heading=_("Coverage"),
        ),
        *ArticlePage.content_panels[2:],
    ]
    template = "newsroom/live_blog_page.html"
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("live blog")
        verbose_name_plural = _("live blogs")

    @property
    def is_live(self) -> bool:
        return self.coverage_end is None or self.coverage_end > timezone.now()

    @staticmethod
    def live_now() -> models.Q:
        """`is_live` as a filter, for many blogs in one query."""
        return models.Q(coverage_end__isnull=True) | models.Q(coverage_end__gt=timezone.now())

    @property
    def coverage_started(self) -> Any:
        return self.coverage_start or self.first_published_at

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dateline.newsroom.liveblog import entries_shown

        context = super().get_context(request, *args, **kwargs)
        context.update(entries_shown(blog=self, before=request.GET.get("before")))
        request_keys_add(request, [entries_key(self.pk)])
        return context


def entries_key(blog_id: int) -> str:
    """The surrogate key of what shows a blog's entries: purged by every entry change."""
    return f"liveblog-{blog_id}"


class LiveBlogEntry(models.Model):
    """One entry of a live blog: text, a photo from the media bank, a quote or a quote card
    (a post quoted as a card, no third-party script), any of them together."""

    blog = models.ForeignKey(LiveBlogPage, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    text = RichTextField(_("text"), features=ENTRY_FEATURES, blank=True)
    photo = models.ForeignKey(
        "mediabank.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_caption = models.CharField(_("photo caption"), max_length=500, blank=True)
    quote = models.TextField(_("quote"), blank=True)
    quote_by = models.CharField(_("quoted"), max_length=255, blank=True)
    card_author = models.CharField(_("card: author"), max_length=255, blank=True)
    card_handle = models.CharField(_("card: account"), max_length=100, blank=True)
    card_text = models.TextField(_("card: post"), max_length=2000, blank=True)
    card_url = models.URLField(_("card: address"), blank=True)
    card_posted_at = models.DateTimeField(_("card: posted at"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    correction = models.TextField(
        _("correction"), blank=True, help_text=_("Shown under the entry: what was corrected.")
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("live blog entry")
        verbose_name_plural = _("live blog entries")
        ordering = ["-posted_at", "-id"]
        indexes = [models.Index(fields=["blog", "-posted_at", "-id"], name="liveblog_entry_order")]

    def __str__(self) -> str:
        return self.title or f"{self.blog_id} {self.posted_at:%H:%M}"

    def clean(self) -> None:
        if not (self.title or self.text or self.photo_id or self.quote or self.card_text):
            raise ValidationError(_("An entry needs text, a photo, a quote or a quote card."))
        if self.card_text and not self.card_author:
            raise ValidationError({"card_author": _("Say whose post the card quotes.")})
        if self.quote_by and not self.quote:
            raise ValidationError({"quote": _("Give the words quoted.")})
