"""Articles taken back after they were published, and the notice owed to those who had them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleWithdrawal(models.Model):
    """An article killed or withheld after it went out: partners' API and feeds carry this
    notice (ninjs `pubstatus` canceled or withheld) so that they take it down too."""

    STATUS_CHOICES = [("canceled", _("killed")), ("withheld", _("withheld"))]

    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="withdrawals",
    )
    article_ref = models.BigIntegerField(_("article id"), db_index=True)  # kept after a delete
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("headline"), max_length=255)
    url = models.CharField(_("address it had"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=40)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES)
    note = models.TextField(_("note to editors"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("article withdrawal")
        verbose_name_plural = _("article withdrawals")
        ordering = ["-withdrawn_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.title}"

    @property
    def language(self) -> str:
        return self.locale.language_code
