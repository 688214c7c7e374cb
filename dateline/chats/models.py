"""Chat rooms as pages below each edition's Chats page; their messages, mutes and presence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from dateline.core.pages import (
    AtomicPublishingMixin,
    EditorsDeleteMixin,
    StrictParentMixin,
    ViewRestrictionsMixin,
)


class ChatIndexPage(
    AtomicPublishingMixin, ViewRestrictionsMixin, EditorsDeleteMixin, StrictParentMixin, Page
):
    """`/<edition>/chats/`: the rooms of an edition with how many readers are in each."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.EditionHomePage"]
    subpage_types = ["chats.ChatRoomPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("chats page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dateline.chats.selectors import chat_rooms_with_presence

        context = super().get_context(request, *args, **kwargs)
        context["rooms"] = chat_rooms_with_presence(index=self)
        return context


class ChatRoomPage(
    AtomicPublishingMixin, ViewRestrictionsMixin, EditorsDeleteMixin, StrictParentMixin, Page
):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        SECTION = "section", _("Section")
        STORY = "story", _("Story")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.GENERAL)
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story = models.ForeignKey(
        "newsroom.Story",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_("A closed room can be read, not written in."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("kind"),
        FieldPanel("section"),
        FieldPanel("story"),
        FieldPanel("closed_at"),
    ]
    parent_page_types = ["chats.ChatIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ChatMessage(models.Model):
    room = models.ForeignKey(ChatRoomPage, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        indexes = [models.Index(fields=["room", "id"])]
        permissions = [("moderate_chat", _("Can delete chat messages, mute readers, close rooms"))]

    def __str__(self) -> str:
        return self.body[:60]


class ChatMute(models.Model):
    room = models.ForeignKey(ChatRoomPage, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("muted until"))
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("muted reader")
        verbose_name_plural = _("muted readers")
        indexes = [models.Index(fields=["room", "user", "until"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.room_id} until {self.until}"


# Clients ping every minute; a row not refreshed for this long is a dead connection's.
PRESENCE_FRESH = timedelta(minutes=3)


class ChatPresence(models.Model):
    """One row per open connection: the room's head count is a count of fresh rows.

    Clients ping every minute and each ping refreshes `seen_at`, so the rows of a server
    that died without saying goodbye stop counting after PRESENCE_FRESH and are swept.
    """

    channel_name = models.CharField(max_length=255, unique=True)
    room = models.ForeignKey(ChatRoomPage, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["room", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.channel_name} in {self.room_id}"
