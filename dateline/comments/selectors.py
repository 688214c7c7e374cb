"""Reads of an article's discussion, as one reader sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from dateline.comments.models import MODERATE, Comment
from dateline.core.pagination import Listing, paginate


@dataclass
class ThreadComment:
    comment: Comment
    can_edit: bool
    can_delete: bool
    can_report: bool
    can_hide: bool = False
    replies: list[ThreadComment] = field(default_factory=list)

    @property
    def is_placeholder(self) -> bool:
        return self.comment.status in (Comment.Status.HIDDEN, Comment.Status.REMOVED)


@dataclass
class Thread:
    count: int
    comments: list[ThreadComment]


def comment_thread(*, article_id: int, viewer: User | AnonymousUser) -> Thread:
    """Published comments (and the viewer's own held ones), replies under their parent.

    A hidden or removed comment is shown as a placeholder only when replies hang on it.
    One query, whoever reads.
    """
    visible = Q(status=Comment.Status.PUBLISHED) | Q(
        status__in=[Comment.Status.HIDDEN, Comment.Status.REMOVED], parent__isnull=True
    )
    if viewer.is_authenticated:
        visible |= Q(status=Comment.Status.PENDING, author_id=viewer.pk)
    rows = list(
        Comment.objects.filter(visible, article_id=article_id)
        .select_related("author__reader")
        .order_by("id")
    )
    moderator = viewer.is_authenticated and viewer.has_perm(MODERATE)
    edit_since = timezone.now() - timedelta(minutes=settings.DATELINE_COMMENT_EDIT_MINUTES)
    by_id: dict[int, ThreadComment] = {}
    top: list[ThreadComment] = []
    for comment in rows:
        own = viewer.is_authenticated and comment.author_id == viewer.pk
        live = comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING)
        item = ThreadComment(
            comment=comment,
            can_edit=own and live and comment.created_at >= edit_since,
            can_delete=own and live,
            can_report=viewer.is_authenticated and not own and comment.is_visible,
            can_hide=moderator and live,
        )
        if comment.parent_id is None:
            by_id[comment.id] = item
            top.append(item)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(item)
    comments = [item for item in top if not item.is_placeholder or item.replies]
    count = sum(1 for comment in rows if comment.is_visible)
    return Thread(count=count, comments=comments)


def moderation_counts() -> dict[str, int]:
    """For the editorial dashboard: comments waiting, and published ones with open reports."""
    return {
        "pending": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        # Only comments somebody reported: a comment without reports is no open report.
        "reported": Comment.objects.filter(
            status=Comment.Status.PUBLISHED,
            reports__isnull=False,
            reports__resolved_at__isnull=True,
        )
        .distinct()
        .count(),
    }


def moderation_all(*, page: Any, per_page: int = 50) -> Listing:
    """Every comment, newest first, a page at a time: any of them may need hiding."""
    return paginate(
        _with_open_reports(Comment.objects.all()).order_by("-created_at", "-id"),
        page=page,
        per_page=per_page,
    )


def _with_open_reports(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    return comments.annotate(
        open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
    ).select_related("author__reader", "article")


def moderation_queue(*, limit: int = 200) -> list[Comment]:
    """Held comments and reported published ones, oldest first, with their open reports."""
    return list(
        _with_open_reports(Comment.objects.all())
        .filter(
            Q(status=Comment.Status.PENDING)
            | Q(status=Comment.Status.PUBLISHED, open_reports__gt=0)
        )
        .order_by("created_at")[:limit]
    )
