"""The live desk: several editors post a live blog's entries at once, each a row (no page
revision), from one screen that also lists the entries to edit, pin, correct or delete."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.images.widgets import AdminImageChooser

from dateline.newsroom.liveblog import (
    EDITABLE,
    entry_delete,
    entry_edit,
    entry_post,
    entry_text_html,
    entry_text_plain,
)
from dateline.newsroom.models import LiveBlogEntry, LiveBlogPage


class EntryForm(forms.ModelForm):
    """Text typed as on a phone: paragraphs apart by a blank line, addresses made links."""

    text = forms.CharField(
        label=gettext_lazy("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        help_text=gettext_lazy("Paragraphs apart by a blank line; web addresses become links."),
    )
    card_url = forms.URLField(
        label=gettext_lazy("card: address"), required=False, assume_scheme="https"
    )

    class Meta:
        model = LiveBlogEntry
        fields = list(EDITABLE)
        widgets = {
            "photo": AdminImageChooser,
            "quote": forms.Textarea(attrs={"rows": 2}),
            "card_text": forms.Textarea(attrs={"rows": 3}),
            "card_posted_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.text:
            self.initial["text"] = entry_text_plain(self.instance.text)

    def clean_text(self) -> str:
        return entry_text_html(self.cleaned_data["text"])


class EntryEditForm(EntryForm):
    correction_note = forms.CharField(
        label=gettext_lazy("Correction"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("What was corrected, shown to readers under the entry."),
    )


def _blog_for(request: HttpRequest, page_id: int) -> LiveBlogPage:
    blog = get_object_or_404(LiveBlogPage, pk=page_id)
    # An entry is public the moment it is posted: posting is publishing.
    if not blog.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return blog


def desk(request: HttpRequest, page_id: int) -> HttpResponse:
    blog = _blog_for(request, page_id)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry_post(blog=blog, author=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Posted."))
            return redirect("liveblog_desk", blog.pk)
    entries = blog.entries.select_related("photo").order_by("-pinned", "-posted_at", "-id")
    return TemplateResponse(
        request,
        "newsroom/admin/liveblog_desk.html",
        {"blog": blog, "form": form, "entries": entries[:200]},
    )


def entry_change(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    form = EntryEditForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EDITABLE}
        try:
            entry_edit(entry=entry, fields=fields, correction=form.cleaned_data["correction_note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Entry changed."))
            return redirect("liveblog_desk", blog.pk)
    return TemplateResponse(
        request, "newsroom/admin/liveblog_entry.html", {"blog": blog, "entry": entry, "form": form}
    )


@require_POST
def entry_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    entry_delete(entry=entry)
    messages.success(request, _("Entry deleted."))
    return redirect("liveblog_desk", blog.pk)


@require_POST
def entry_pin(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    entry_edit(entry=entry, fields={"pinned": not entry.pinned})
    return redirect("liveblog_desk", blog.pk)
