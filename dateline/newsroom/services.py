"""Writes of the newsroom. Page life cycle goes through Wagtail's own actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from io import StringIO
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from dateline.newsroom.models import ArticlePage, ArticleWithdrawal, SectionPage

# Accounts that act for the machine (the wire desk's auto-publish) are named so that a
# page's history says what did it; they cannot sign in (inactive, no usable password).
SYSTEM_USERNAME_PREFIX = "system-"
MAX_TOPICS = 10


def system_user(*, name: str, label: str) -> User:
    """The account `system-<name>` ("Wire desk" in the history), made the first time."""
    user, created = User.objects.get_or_create(
        username=f"{SYSTEM_USERNAME_PREFIX}{name}",
        defaults={"first_name": label, "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _checked(user: User | None) -> bool:
    """Whether `user`'s permissions decide: not for the system (None, or its accounts)."""
    return user is not None and not (
        not user.is_active and user.get_username().startswith(SYSTEM_USERNAME_PREFIX)
    )


def article_draft_create(
    *,
    section: SectionPage,
    fields: dict[str, Any],
    user: User | None = None,
    topics: Iterable[str] = (),
) -> ArticlePage:
    """A draft article in `section` with `fields` (headline as `title`, lede, body…), its
    first revision by `user`. The only way outside the admin that articles are made.

    A user who may not add pages to the section is refused.
    """
    if _checked(user) and not section.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(_("You may not add articles to this section."))
    fields = dict(fields)  # the caller's stays as it was
    slug = fields.pop("slug", "") or _free_slug(section, fields.get("title", ""))
    with transaction.atomic():
        article = ArticlePage(slug=slug, locale_id=section.locale_id, live=False, **fields)
        section.add_child(instance=article)
        names = [name[:100] for name in topics][:MAX_TOPICS]
        if names:
            article.topics.add(*names)
        article.save_revision(user=user, log_action=True)
    return article


def _free_slug(section: SectionPage, title: str) -> str:
    base = (slugify(title, allow_unicode=True) or "article")[:70]
    taken = set(section.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def article_publish(
    *, article: Page, user: User | None = None, go_live_at: datetime | None = None
) -> Revision:
    """Publish the article now, or schedule it when `go_live_at` (or its embargo, see
    `ArticlePage.with_content_json`) lies in the future.

    A user without publish permission is refused: reporters submit for review instead.
    """
    if _checked(user) and not article.permissions_for_user(user).can_publish():
        raise PermissionDenied(_("You may not publish this page."))
    if go_live_at is not None and timezone.is_naive(go_live_at):
        raise ValidationError(_("The publication time must carry a time zone."))
    with transaction.atomic():
        article.go_live_at = go_live_at
        revision = article.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)  # checked above
    return revision


def article_withdraw(
    *, article: ArticlePage, status: str, note: str = "", user: User | None = None
) -> ArticleWithdrawal:
    """Take a published article back (killed, or withheld): unpublished, and a notice
    recorded for the partners' API and feeds, in one transaction."""
    with transaction.atomic():
        withdrawal = ArticleWithdrawal.objects.create(
            article=article,
            article_ref=article.pk,
            locale_id=article.locale_id,
            title=article.title[:255],
            url=(article.url or "")[:500],
            version=f"{article.live_revision_id or 1}-{status}",
            status=status,
            note=note,
        )
        if article.live:
            article_unpublish(article=article, user=user)
    return withdrawal


def article_unpublish(*, article: Page, user: User | None = None) -> None:
    if _checked(user) and not article.permissions_for_user(user).can_unpublish():
        raise PermissionDenied(_("You may not unpublish this page."))
    article.unpublish(user=user)


def scheduled_publish_run() -> int:
    """Publish what is due and unpublish what has expired; Wagtail's own command does the work.

    Returns how many scheduled revisions were due.
    """
    due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", stdout=StringIO())
    return due
