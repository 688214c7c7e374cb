"""Writes of the newsroom. Page life cycle goes through Wagtail's own actions."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision


def article_publish(
    *, article: Page, user: AbstractBaseUser | None = None, go_live_at: datetime | None = None
) -> Revision:
    """Publish the article now, or schedule it when `go_live_at` lies in the future.

    A user without publish permission is refused: reporters submit for review instead.
    """
    if user is not None and not article.permissions_for_user(user).can_publish():
        raise PermissionDenied(_("You may not publish this page."))
    if go_live_at is not None and timezone.is_naive(go_live_at):
        raise ValidationError(_("The publication time must carry a time zone."))
    with transaction.atomic():
        article.go_live_at = go_live_at
        revision = article.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    return revision


def article_unpublish(*, article: Page, user: AbstractBaseUser | None = None) -> None:
    if user is not None and not article.permissions_for_user(user).can_unpublish():
        raise PermissionDenied(_("You may not unpublish this page."))
    article.unpublish(user=user)


def scheduled_publish_run() -> int:
    """Publish what is due and unpublish what has expired; Wagtail's own command does the work.

    Returns how many scheduled revisions were due.
    """
    due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", stdout=StringIO())
    return due
