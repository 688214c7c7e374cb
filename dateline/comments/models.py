"""Readers' comments on articles, and readers' reports of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The permission to hide, approve and ban (Editors have it; Reporters do not).
MODERATE = "comments.moderate_comment"


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        PENDING = "pending", _("waiting for a moderator")
        HIDDEN = "hidden", _("hidden by a moderator")
        REMOVED = "removed", _("removed by its author")

    article = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("author"),
    )
    # Replies are one level deep: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Kept for abuse handling only; erased with the account.
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "status", "id"])]
        permissions = [("moderate_comment", _("Can moderate readers' comments and ban readers"))]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.PUBLISHED


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="comment_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason}"
