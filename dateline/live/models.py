"""The event outbox: one row per change readers should see live, in commit order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.newsroom.urgency import URGENCY_DEFAULT, urgency_is_breaking


class NewsEvent(models.Model):
    class Kind(models.TextChoices):
        PUBLISHED = "published", _("published")
        UPDATED = "updated", _("updated")
        UNPUBLISHED = "unpublished", _("unpublished")
        # A live blog's entry posted or changed, and one deleted: sent to its open pages.
        ENTRY = "entry", _("live blog entry")
        ENTRY_DELETED = "entry-deleted", _("live blog entry deleted")

    # The id orders events; streams resume from it (SSE Last-Event-ID).
    id = models.BigAutoField(primary_key=True)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="news_events"
    )
    page_key = models.PositiveBigIntegerField(
        _("page id"), help_text=_("Kept when the page is deleted.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    headline = models.CharField(_("headline"), max_length=255)
    url = models.CharField(_("address"), max_length=500, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), default=URGENCY_DEFAULT)
    published_at = models.DateTimeField(_("first published"), null=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # What else readers are sent: a live blog's `live` flag; an entry's id, time, pinning
    # and HTML.
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("news event")
        verbose_name_plural = _("news events")
        indexes = [models.Index(fields=["locale", "id"])]

    def __str__(self) -> str:
        return f"{self.id} {self.kind} {self.headline}"

    def as_message(self) -> dict:
        """What streams send: plain values only (channel layers serialise with msgpack)."""
        return {
            "id": self.id,
            "locale": self.locale_id,
            "kind": self.kind,
            "page": self.page_key,
            "section": self.section_id,
            "headline": self.headline,
            "url": self.url,
            "urgency": self.urgency,
            "breaking": urgency_is_breaking(self.urgency),
            "published_at": self.published_at.isoformat() if self.published_at else None,
            **self.data,
        }


class PageViewDay(models.Model):
    """Views of a page per day, counted by the reader's browser (pages are served cached)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views by day")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="live_page_view_day_unique")
        ]
        # Most read reads the last days across pages: by day first.
        indexes = [models.Index(fields=["day", "page"], name="live_page_view_day_page")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"


class PageViewMinute(models.Model):
    """Views of a page in one minute: what the newsroom's real-time view adds up (the last
    minutes, the last hour), kept two days. Counts only: nothing of the reader."""

    # No index by page: every read is by time (a page index misleads SQLite's planner into
    # scanning every minute to group by page); a page's rare deletion scans instead.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    minute = models.DateTimeField(_("minute"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views in a minute")
        verbose_name_plural = _("page views by minute")
        # By time first: every read is of the last minutes or hour (the real-time view),
        # and every scheduler pass prunes what is older than two days.
        constraints = [
            models.UniqueConstraint(fields=["minute", "page"], name="live_page_view_minute_unique")
        ]
        permissions = [("view_realtime", _("Can see the readers' real-time view"))]

    def __str__(self) -> str:
        return f"{self.page_id} {self.minute:%Y-%m-%d %H:%M}: {self.views}"


class ReferrerMinute(models.Model):
    """Views of an edition in one minute by where readers came from (the kind only)."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("search engines")
        SOCIAL = "social", _("social networks")
        DIRECT = "direct", _("direct")
        INTERNAL = "internal", _("our own pages")
        OTHER = "other", _("other sites")

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    minute = models.DateTimeField(_("minute"))
    kind = models.CharField(_("came from"), max_length=16, choices=Kind.choices)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views by referrer in a minute")
        constraints = [
            models.UniqueConstraint(  # by time first, as the minutes of pages
                fields=["minute", "locale", "kind"], name="live_referrer_minute_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.locale_id} {self.minute:%Y-%m-%d %H:%M} {self.kind}: {self.views}"


class Broadcast(models.Model):
    """A message for a channel-layer group (a chat room, an article's comment notices),
    kept for the other server processes of the embedded profile, whose in-memory layers
    share nothing: each one's watcher hands it to its own readers (see `relay`)."""

    id = models.BigAutoField(primary_key=True)
    group = models.CharField(_("group"), max_length=100)
    message = models.JSONField(_("message"))
    origin = models.CharField(_("written by process"), max_length=32)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("broadcast")

    def __str__(self) -> str:
        return f"{self.id} {self.group}"
