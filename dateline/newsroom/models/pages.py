"""The page tree of an edition: home, sections, articles."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from dateline.core.pages import (
    AtomicPublishingMixin,
    EditorsDeleteMixin,
    StrictParentMixin,
    ViewRestrictionsMixin,
)
from dateline.core.pagination import page_number
from dateline.core.surrogate_keys import request_keys_add
from dateline.newsroom.admin_forms import ScheduledInZoneForm
from dateline.newsroom.blocks import ArticleBodyBlock
from dateline.newsroom.urgency import (
    URGENCY_DEFAULT,
    URGENCY_LEAST,
    URGENCY_MOST,
    urgency_is_breaking,
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class EditionHomePage(
    RoutablePageMixin,
    AtomicPublishingMixin,
    ViewRestrictionsMixin,
    EditorsDeleteMixin,
    StrictParentMixin,
    Page,
):
    """The home of one edition; one per locale, translations of each other."""

    brand_name = models.CharField(_("brand name"), max_length=100)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Dates on this edition's pages are shown in this time zone, e.g. Europe/Moscow."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("brand_name"),
        FieldPanel("tagline"),
        FieldPanel("time_zone"),
        InlinePanel("top_stories", label=_("Top stories"), max_num=8),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "chats.ChatIndexPage"]

    class Meta:
        verbose_name = _("edition home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dateline.newsroom import selectors
        from dateline.newsroom.surrogate_keys import listing_page_keys

        context = super().get_context(request, *args, **kwargs)
        request_keys_add(request, listing_page_keys(self))
        # Lazy: when the template's cached fragment is fresh, neither is needed.
        context["top_stories"] = SimpleLazyObject(
            lambda: selectors.edition_top_stories(edition=self)
        )
        context["section_blocks"] = SimpleLazyObject(
            lambda: selectors.edition_latest_by_section(edition=self)
        )
        return context

    @path("search/", name="search")
    def search(self, request: HttpRequest) -> HttpResponse:
        from dateline.newsroom import views

        return views.search(request, edition=self)

    @path("authors/<str:slug>/", name="author")
    def author(self, request: HttpRequest, slug: str) -> HttpResponse:
        from dateline.newsroom import views

        return views.author_detail(request, edition=self, slug=slug)

    @path("topics/<str:slug>/", name="topic")
    def topic(self, request: HttpRequest, slug: str) -> HttpResponse:
        from dateline.newsroom import views

        return views.topic_detail(request, edition=self, slug=slug)

    @path("stories/<id:story_id>/", name="story")
    def story(self, request: HttpRequest, story_id: int) -> HttpResponse:
        from dateline.newsroom import views

        return views.story_detail(request, edition=self, story_id=story_id)


class EditionTopStory(Orderable):
    page = ParentalKey(EditionHomePage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]


class SectionPage(
    AtomicPublishingMixin, ViewRestrictionsMixin, EditorsDeleteMixin, StrictParentMixin, Page
):
    """A section ("Russia") with its description, listing its articles newest first."""

    class CommentModeration(models.TextChoices):
        POST = "post", _("Comments appear at once; moderators act on reports")
        PRE = "pre", _("Comments wait for a moderator before they appear")

    description = models.TextField(_("description"), max_length=500, blank=True)
    comment_moderation = models.CharField(
        _("comment moderation"),
        max_length=8,
        choices=CommentModeration.choices,
        default=CommentModeration.POST,
    )

    content_panels = [*Page.content_panels, FieldPanel("description")]
    settings_panels = [*Page.settings_panels, FieldPanel("comment_moderation")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["newsroom.EditionHomePage"]
    subpage_types = ["newsroom.ArticlePage", "newsroom.LiveBlogPage"]

    class Meta:
        verbose_name = _("section page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dateline.newsroom import selectors
        from dateline.newsroom.surrogate_keys import listing_page_keys

        context = super().get_context(request, *args, **kwargs)
        request_keys_add(request, listing_page_keys(self))
        number = page_number(request.GET.get("page"))
        context["page_number"] = number
        # Lazy: when the template's cached fragment is fresh, the listing is not needed.
        context["listing"] = SimpleLazyObject(
            lambda: selectors.section_articles(section=self, page=number)
        )
        return context


class ArticleTopic(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class ArticlePage(
    AtomicPublishingMixin, ViewRestrictionsMixin, EditorsDeleteMixin, StrictParentMixin, Page
):
    """A news article: headline (the page title), lede, dateline, bylines, photo and body."""

    base_form_class = ScheduledInZoneForm

    lede = models.TextField(_("lede"), max_length=1000)
    dateline_place = models.CharField(
        _("dateline place"), max_length=100, blank=True, help_text=_("For example: Moscow.")
    )
    agency = models.ForeignKey(
        "newsroom.Agency",
        verbose_name=_("originating agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_photo = models.ForeignKey(
        "mediabank.Photo",
        verbose_name=_("lead photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_photo_caption = models.CharField(
        _("lead photo caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the photo's own caption."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    topics = ClusterTaggableManager(
        through=ArticleTopic, verbose_name=_("topics"), blank=True, related_name="+"
    )
    story = models.ForeignKey(
        "newsroom.Story",
        verbose_name=_("story thread"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"),
        default=URGENCY_DEFAULT,
        validators=[MinValueValidator(URGENCY_MOST), MaxValueValidator(URGENCY_LEAST)],
        help_text=_("IPTC urgency: 1 is most urgent, 8 least; 1–2 is breaking news."),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_(
            "Not public before this time (an agency's embargo): the article goes live at "
            "the embargo at the earliest."
        ),
    )

    settings_panels = [*Page.settings_panels, FieldPanel("embargoed_until")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("lede"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("agency")]),
                InlinePanel("bylines", label=_("Bylines"), min_num=0),
            ],
            heading=_("Dateline and bylines"),
        ),
        MultiFieldPanel(
            [FieldPanel("lead_photo"), FieldPanel("lead_photo_caption")],
            heading=_("Lead photo"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics"),
                FieldPanel("story"),
                FieldRowPanel([FieldPanel("urgency"), FieldPanel("comments_open")]),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("corrections", label=_("Corrections")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lede", boost=1.5),
        index.SearchField("body"),
        index.SearchField("dateline_place"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("urgency"),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article page")

    @property
    def is_breaking(self) -> bool:
        return urgency_is_breaking(self.urgency)

    def with_content_json(self, content: dict[str, Any]) -> ArticlePage:
        """The page a revision holds, as every publish reads it (the admin's form and bulk
        action, services, the scheduler): an embargo still ahead is its go-live time at the
        earliest, so nothing publishes an embargoed article early."""
        page = super().with_content_json(content)
        embargo = page.embargoed_until
        ahead = embargo is not None and embargo > timezone.now()
        if ahead and (page.go_live_at is None or page.go_live_at < embargo):
            page.go_live_at = embargo
        return page

    @property
    def is_first_publication(self) -> bool:
        """Published just now for the first time (not an update of news already out)."""
        return (
            self.first_published_at is not None
            and self.last_published_at == self.first_published_at
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dateline.newsroom import selectors
        from dateline.newsroom.surrogate_keys import article_page_keys

        context = super().get_context(request, *args, **kwargs)
        zone = selectors.edition_time_zone(language_code=translation.get_language())
        context.update(
            selectors.article_context(
                article=self,
                time_zone=zone,
                preview=getattr(request, "is_preview", False),
            )
        )
        request_keys_add(request, article_page_keys(self, context))
        return context


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "newsroom.Author", verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]


class ArticleCorrection(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("corrected at"))
    text = models.TextField(_("correction"))

    panels = [FieldPanel("corrected_at"), FieldPanel("text")]
