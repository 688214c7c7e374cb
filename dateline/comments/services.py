"""Writes of comments: readers post, edit, delete and report; moderators approve and hide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from dateline.accounts.selectors import reader_is_banned
from dateline.accounts.services import reader_ban
from dateline.comments.models import MODERATE, Comment, CommentReport
from dateline.core.errors import Refused
from dateline.core.plain_text import plain_text_clean
from dateline.core.ratelimits import rate_exceeded
from dateline.live.groups import broadcast_on_commit, comments_group

# What its author may still change; hidden and removed comments are out of their hands.
EDITABLE = (Comment.Status.PUBLISHED, Comment.Status.PENDING)


def comments_open(*, article: Page) -> bool:
    """Open when the article allows it, is live, and is younger than the configured days."""
    if not getattr(article, "comments_open", False) or not article.live:
        return False
    days = settings.DATELINE_COMMENTS_OPEN_DAYS
    published = article.first_published_at
    return not days or published is None or published >= timezone.now() - timedelta(days=days)


def comment_post(
    *,
    author: User | AnonymousUser,
    article: Page,
    body: str,
    parent_id: int | None = None,
    address: str | None = None,
) -> Comment:
    """Store a reader's comment (or reply); published at once or held for moderation."""
    author = _may_write(author)
    if not comments_open(article=article):
        raise Refused(_("Comments are closed for this article."), code="closed", status=403)
    text = _clean_body(body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, article_id=article.id, status=Comment.Status.PUBLISHED
        ).first()
        if parent is None:
            raise Refused(_("The comment you replied to is no longer there."), code="parent")
        parent = parent.parent or parent  # replies stay one level deep
    _rate_limit("post", author=author, address=address)
    held = _held_for_moderation(article)
    comment = Comment.objects.create(
        article_id=article.id,
        author=author,
        parent=parent,
        body=text,
        status=Comment.Status.PENDING if held else Comment.Status.PUBLISHED,
        address=address or None,
    )
    if not held:
        _broadcast_after_commit(comment)
    return comment


def comment_edit(*, author: User | AnonymousUser, comment: Comment, body: str) -> Comment:
    _may_write(author)
    if comment.author_id != author.pk:
        raise Refused(_("You can only edit your own comments."), code="forbidden", status=403)
    if comment.status not in EDITABLE:
        raise Refused(_("This comment can no longer be edited."), code="gone", status=409)
    window = timedelta(minutes=settings.DATELINE_COMMENT_EDIT_MINUTES)
    if timezone.now() - comment.created_at > window:
        raise Refused(
            _("Comments can be edited for %(minutes)s minutes after posting.")
            % {"minutes": settings.DATELINE_COMMENT_EDIT_MINUTES},
            code="too_late",
            status=409,
        )
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    if _held_for_moderation(comment.article):  # approved text must not turn into other text
        comment.status = Comment.Status.PENDING
    comment.save(update_fields=["body", "edited_at", "status"])
    _broadcast_after_commit(comment)
    return comment


def comment_delete(*, author: User | AnonymousUser, comment: Comment) -> None:
    """The author takes a comment back: its text goes, a placeholder keeps replies in place."""
    _signed_in(author)  # a banned reader may still take their own words back
    if comment.author_id != author.pk:
        raise Refused(_("You can only delete your own comments."), code="forbidden", status=403)
    if comment.status not in EDITABLE:  # a moderator's hide stays as the moderator left it
        raise Refused(_("This comment is not shown any more."), code="gone", status=409)
    comment.status = Comment.Status.REMOVED
    comment.body = ""
    comment.save(update_fields=["status", "body"])
    _broadcast_after_commit(comment)


def comment_report(*, reporter: User | AnonymousUser, comment: Comment, reason: str = "") -> bool:
    """Flag a comment for moderators; True when this is the reader's first report of it."""
    reporter = _may_write(reporter)
    if comment.author_id == reporter.pk:
        raise Refused(_("You cannot report your own comment."), code="own")
    if comment.status != Comment.Status.PUBLISHED:
        raise Refused(_("This comment is not shown any more."), code="gone", status=409)
    _rate_limit("report", author=reporter, address=None)
    try:
        with transaction.atomic():
            _report, created = CommentReport.objects.get_or_create(
                comment=comment, reporter=reporter, defaults={"reason": reason.strip()[:255]}
            )
    except IntegrityError:  # the same reader's report, sent twice at once
        return False
    return created


@transaction.atomic
def comment_approve(*, moderator: User, comment: Comment) -> None:
    """Publish a held comment, or clear the reports on a published one."""
    _moderator(moderator)
    comment = _for_moderation(comment)
    comment.status = Comment.Status.PUBLISHED
    comment.hidden_reason = ""
    _moderated(comment, moderator)
    _broadcast_after_commit(comment)


@transaction.atomic
def comment_hide(*, moderator: User, comment: Comment, reason: str) -> None:
    _moderator(moderator)
    if not reason.strip():
        raise Refused(_("Say why the comment is hidden."), code="reason")
    comment = _for_moderation(comment)
    comment.status = Comment.Status.HIDDEN
    comment.hidden_reason = reason.strip()[:255]
    _moderated(comment, moderator)
    _broadcast_after_commit(comment)


@transaction.atomic
def comment_ban_author(*, moderator: User, comment: Comment, reason: str) -> None:
    """Ban the author from discussions and chats and hide the comment: both or neither."""
    _moderator(moderator)
    if comment.author is None:
        raise Refused(_("This comment's author has deleted their account."), code="gone")
    if not reason.strip():
        raise Refused(_("Say why the reader is banned."), code="reason")
    reader_ban(moderator=moderator, user=comment.author, reason=reason)
    comment_hide(moderator=moderator, comment=comment, reason=reason)


def comments_export(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            "article": comment.article.url if comment.article else None,
            "text": comment.body,
            "status": comment.status,
            "posted_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        }
        for comment in Comment.objects.filter(author=user).select_related("article").order_by("id")
    ]


def comments_erase(*, user: User) -> None:
    """On account deletion: the text and address go; placeholders keep others' replies."""
    Comment.objects.filter(author=user).update(body="", status=Comment.Status.REMOVED, address=None)


def _signed_in(user: User | AnonymousUser) -> User:
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise Refused(_("Sign in to take part in the discussion."), code="signin", status=401)
    return user


def _may_write(user: User | AnonymousUser) -> User:
    """The reader who may write, or `Refused`: signed in and not banned."""
    reader = _signed_in(user)
    if reader_is_banned(user=reader):
        raise Refused(
            _("Your account may no longer take part in discussions."), code="banned", status=403
        )
    return reader


def _moderator(user: User) -> None:
    if not user.has_perm(MODERATE):
        raise Refused(_("Only moderators can do that."), code="forbidden", status=403)


def _for_moderation(comment: Comment) -> Comment:
    """The comment locked for this change; what its author removed is not brought back."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.status == Comment.Status.REMOVED:
        raise Refused(_("This comment was deleted by its author."), code="gone", status=409)
    return locked


def _held_for_moderation(article: Page) -> bool:
    section = article.get_parent().specific
    return getattr(section, "comment_moderation", "post") == "pre"


def _moderated(comment: Comment, moderator: User) -> None:
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at"])
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=comment.moderated_at)


def _clean_body(body: str) -> str:
    return plain_text_clean(
        body,
        limit=settings.DATELINE_COMMENT_MAX_LENGTH,
        too_long=_("Comments are at most %(limit)s characters; this one has %(length)s."),
    )


def _rate_limit(action: str, *, author: User, address: str | None) -> None:
    too_many = rate_exceeded(
        group=f"comments.{action}.user",
        value=str(author.pk),
        rate=settings.DATELINE_COMMENT_RATE_USER,
    ) or (
        address is not None
        and address != ""
        and rate_exceeded(
            group=f"comments.{action}.address",
            value=address,
            rate=settings.DATELINE_COMMENT_RATE_ADDRESS,
        )
    )
    if too_many:
        raise Refused(
            _("You are commenting too fast. Please wait a minute."), code="rate", status=429
        )


def _broadcast_after_commit(comment: Comment) -> None:
    # Read by the article's newsfeed streams as an SSE "comment" notice.
    message = {
        "type": "comment.changed",
        "sse_event": "comment",
        "data": {"article": comment.article_id, "comment": comment.id},
    }
    broadcast_on_commit(comments_group(comment.article_id), message)
