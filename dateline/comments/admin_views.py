"""Comment moderation in the Wagtail admin: the queue, and approve / hide / ban."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dateline.comments import services
from dateline.comments.models import Comment
from dateline.comments.selectors import moderation_all, moderation_counts, moderation_queue
from dateline.core.errors import Refused
from dateline.core.pagination import page_number


def _moderator(request: HttpRequest) -> None:
    if not request.user.has_perm(services.MODERATE):
        raise PermissionDenied


def queue(request: HttpRequest) -> HttpResponse:
    """What waits for a moderator, or (`?show=all`) every comment, newest first."""
    _moderator(request)
    context: dict = {"counts": moderation_counts(), "show_all": request.GET.get("show") == "all"}
    if context["show_all"]:
        listing = moderation_all(page=page_number(request.GET.get("page")))
        context.update(comments=listing.items, listing=listing)
    else:
        context["comments"] = moderation_queue()
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
    back = request.POST.get("next", "")
    if back.startswith("?"):  # the listing the moderator acted from, never another site
        return redirect(reverse("comments_moderation:queue") + back)
    return redirect("comments_moderation:queue")
