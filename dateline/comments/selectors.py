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
    # The id to ask `before` for the page of earlier comments, None when there are none.
    earlier_before: int | None = None


# Top-level comments per page of a thread (with all their replies): a discussion of
# thousands is fetched, and re-fetched after every post, a page at a time.
THREAD_PAGE = 50


def comment_thread(
    *,
    article_id: int,
    viewer: User | AnonymousUser,
    before: int | None = None,
    per_page: int = THREAD_PAGE,
) -> Thread:
    """The latest `per_page` top-level comments (before the id `before`, when given) in the
    order they were written, replies under their parent: published ones, and the viewer's
    own held ones. A hidden or removed comment is shown as a placeholder only when replies
    hang on it. Three queries, however long the discussion.
    """
    visible = Q(status=Comment.Status.PUBLISHED)
    if viewer.is_authenticated:
        visible |= Q(status=Comment.Status.PENDING, author_id=viewer.pk)
    comments = Comment.objects.filter(article_id=article_id).select_related("author__reader")
    top_level = comments.filter(
        visible | Q(status__in=[Comment.Status.HIDDEN, Comment.Status.REMOVED]),
        parent__isnull=True,
    )
    if before is not None:
        top_level = top_level.filter(id__lt=before)
    newest_first = list(top_level.order_by("-id")[: per_page + 1])
    page = newest_first[:per_page][::-1]
    replies = (
        list(comments.filter(visible, parent_id__in=[c.id for c in page]).order_by("id"))
        if page
        else []
    )
    moderator = viewer.is_authenticated and viewer.has_perm(MODERATE)
    edit_since = timezone.now() - timedelta(minutes=settings.DATELINE_COMMENT_EDIT_MINUTES)

    def item(comment: Comment) -> ThreadComment:
        own = viewer.is_authenticated and comment.author_id == viewer.pk
        live = comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING)
        return ThreadComment(
            comment=comment,
            can_edit=own and live and comment.created_at >= edit_since,
            can_delete=own and live,
            can_report=viewer.is_authenticated and not own and comment.is_visible,
            can_hide=moderator and live,
        )

    by_id = {comment.id: item(comment) for comment in page}
    for reply in replies:
        parent = by_id.get(reply.parent_id or 0)
        if parent is not None:  # always: replies were asked for by their parents' ids
            parent.replies.append(item(reply))
    shown = [entry for entry in by_id.values() if not entry.is_placeholder or entry.replies]
    count = Comment.objects.filter(article_id=article_id, status=Comment.Status.PUBLISHED).count()
    earlier = page[0].id if len(newest_first) > per_page else None
    return Thread(count=count, comments=shown, earlier_before=earlier)


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
