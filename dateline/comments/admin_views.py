"""Comment moderation in the Wagtail admin: the queue, and approve / hide / ban."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dateline.comments import services
from dateline.comments.models import Comment
from dateline.comments.selectors import moderation_counts, moderation_queue
from dateline.core.errors import Refused


def _moderator(request: HttpRequest) -> None:
    if not request.user.has_perm(services.MODERATE):
        raise PermissionDenied


def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    context = {"comments": moderation_queue(), "counts": moderation_counts()}
    return TemplateResponse(request, "comments/admin/queue.html", context)


@require_POST
def act(request: HttpRequest, comment_id: int) -> HttpResponse:
    _moderator(request)
    comment = get_object_or_404(Comment, pk=comment_id)
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            services.comment_approve(moderator=request.user, comment=comment)
            messages.success(request, _("Comment approved."))
        elif action == "hide":
            services.comment_hide(moderator=request.user, comment=comment, reason=reason)
            messages.success(request, _("Comment hidden."))
        elif action == "ban":
            services.comment_ban_author(moderator=request.user, comment=comment, reason=reason)
            messages.success(request, _("Reader banned and comment hidden."))
        else:
            raise Refused(_("Unknown action."))
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect("comments_moderation:queue")
