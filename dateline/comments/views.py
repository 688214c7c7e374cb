"""The discussion endpoint: article pages stay the same for everyone and fetch this.

Every view answers a page's script (`X-Requested-With: fetch`) with an HTML fragment or
a JSON error, and a browser without scripts with a whole page.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dateline.comments import services
from dateline.comments.models import Comment
from dateline.comments.selectors import comment_thread
from dateline.core.errors import Refused
from dateline.core.ids import LARGEST_ID, id_from_text
from dateline.core.ratelimits import client_address
from dateline.newsroom.selectors import article_public_get


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=False)
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=LARGEST_ID, widget=forms.HiddenInput
    )


def _from_script(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _thread_response(
    request: HttpRequest, article, *, form=None, status: int = 200, list_only: bool = False
) -> HttpResponse:
    context = {
        "article": article,
        "thread": comment_thread(
            article_id=article.id, viewer=request.user, before=_before(request)
        ),
        "is_open": services.comments_open(article=article),
        "form": form or CommentForm(),
        "thread_url": reverse("comment_thread", args=[article.id]),
        "max_length": settings.DATELINE_COMMENT_MAX_LENGTH,
    }
    if list_only or request.GET.get("part") == "list":
        template = "comments/list.html"
    elif _from_script(request):
        template = "comments/thread.html"
    else:
        template = "comments/thread_page.html"
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-cache"
    return response


def _before(request: HttpRequest) -> int | None:
    """The page of earlier comments asked for (`?before=<id>`); anything else, the latest."""
    try:
        before = id_from_text(request.GET.get("before"))
    except ValueError:  # "²" is a digit to Python, but no id
        return None
    return before or None


def _refused(request: HttpRequest, article, refusal: Refused, form=None) -> HttpResponse:
    if _from_script(request):
        return JsonResponse({"error": refusal.message, "code": refusal.code}, status=refusal.status)
    if refusal.code == "signin":
        return redirect_to_login(article.url)
    messages.error(request, refusal.message)
    return _thread_response(request, article, form=form, status=refusal.status)


def _done(request: HttpRequest, article, message: str) -> HttpResponse:
    if _from_script(request):
        return _thread_response(request, article, list_only=True)
    messages.success(request, message)
    return redirect(reverse("comment_thread", args=[article.id]) + "#comments")


@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, article_id: int) -> HttpResponse:
    """GET: count, list and form (or the sign-in prompt). POST: a new comment or reply."""
    article = article_public_get(article_id=article_id)
    if request.method == "GET":
        return _thread_response(request, article)
    form = CommentForm(request.POST)
    if not form.is_valid():
        refusal = (
            Refused(_("The comment you replied to is no longer there."), code="parent")
            if "parent" in form.errors
            else Refused(_("Write something first."), code="empty")
        )
        return _refused(request, article, refusal, form)
    try:
        comment = services.comment_post(
            author=request.user,
            article=article,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
            address=client_address(request),
        )
    except Refused as refusal:
        return _refused(request, article, refusal, form)
    if comment.status == Comment.Status.PENDING:
        return _done(request, article, _("Thank you. Your comment will appear once approved."))
    return _done(request, article, _("Your comment is published."))


@require_POST
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    body = request.POST.get("body", "")
    return _act_on_comment(
        request,
        comment_id,
        lambda comment: services.comment_edit(author=request.user, comment=comment, body=body),
        done=_("Your comment is saved."),
    )


@require_POST
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _act_on_comment(
        request,
        comment_id,
        lambda comment: services.comment_delete(author=request.user, comment=comment),
        done=_("Your comment is deleted."),
    )


@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act_on_comment(
        request,
        comment_id,
        lambda comment: services.comment_report(
            reporter=request.user, comment=comment, reason=reason
        ),
        done=_("Thank you. A moderator will look at this comment."),
    )


@require_POST
def hide(request: HttpRequest, comment_id: int) -> HttpResponse:
    """A moderator hides a comment from the thread itself (the service checks the right)."""
    reason = request.POST.get("reason", "")
    return _act_on_comment(
        request,
        comment_id,
        lambda comment: services.comment_hide(
            moderator=request.user, comment=comment, reason=reason
        ),
        done=_("Comment hidden."),
    )


def _act_on_comment(
    request: HttpRequest, comment_id: int, action: Callable[[Comment], object], *, done: str
) -> HttpResponse:
    comment, article = _comment_and_article(comment_id)
    try:
        action(comment)
    except Refused as refusal:
        return _refused(request, article, refusal)
    return _done(request, article, done)


def _comment_and_article(comment_id: int):
    comment = get_object_or_404(Comment, pk=comment_id)
    return comment, article_public_get(article_id=comment.article_id)
