"""Taking a published article back, from its editor: a kill (legal: withdrawn everywhere,
with a notice to every client who had it) or a takedown (withdrawn, no notice)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.newsroom.models import ArticlePage
from dateline.newsroom.services import article_unpublish, article_withdraw


class WithdrawForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("How"),
        choices=[
            ("kill", gettext_lazy("Kill: withdraw it and tell every client who had it")),
            ("takedown", gettext_lazy("Take down: withdraw it without a notice")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note to clients"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why, for the clients' editors (sent with a kill)."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("action") == "kill" and not cleaned.get("note", "").strip():
            self.add_error("note", _("A kill says why: write the note to clients."))
        return cleaned


def withdraw(request: HttpRequest, page_id: int) -> HttpResponse:
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "kill":
            article_withdraw(
                article=article,
                status="canceled",
                note=form.cleaned_data["note"].strip(),
                user=request.user,
            )
            messages.success(request, _("Killed: withdrawn, and its clients are told."))
        else:
            article_unpublish(article=article, user=request.user)
            messages.success(request, _("Taken down."))
        return redirect("wagtailadmin_pages:edit", article.pk)
    return TemplateResponse(
        request, "newsroom/admin/withdraw.html", {"article": article, "form": form}
    )
