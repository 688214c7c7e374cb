"""The incoming desk in the Wagtail admin: filter, preview, and make a draft article."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dateline.core.errors import Refused
from dateline.newsroom.models import SectionPage
from dateline.wire import selectors
from dateline.wire.models import WireItem, WireSource
from dateline.wire.services.desk import article_from_item

VIEW = "wire.view_wireitem"


class ArticleForm(forms.Form):
    section = forms.ModelChoiceField(
        label=gettext_lazy("Section"), queryset=SectionPage.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sections = (
            SectionPage.objects.live()
            .select_related("locale")
            .order_by("locale__language_code", "path")
        )
        allowed = [s.pk for s in sections if s.permissions_for_user(user).can_add_subpage()]
        self.fields["section"].queryset = sections.filter(pk__in=allowed)
        self.fields["section"].label_from_instance = lambda s: (
            f"{s.title} ({s.locale.language_code})"
        )


def _desk(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied


def incoming(request: HttpRequest) -> HttpResponse:
    _desk(request)
    filters = selectors.DeskFilters.from_query(request.GET)
    page = Paginator(selectors.desk_items(filters=filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "filters": filters,
        "query": query.urlencode(),
        "sources": WireSource.objects.only("id", "name"),
        "languages": selectors.desk_languages(),
        "failures": selectors.recent_failures(),
        "counts": selectors.desk_counts(),
    }
    return TemplateResponse(request, "wire/admin/incoming.html", context)


def preview(request: HttpRequest, item_id: int) -> HttpResponse:
    _desk(request)
    item = get_object_or_404(
        WireItem.objects.select_related("source", "article", "duplicate_of"), pk=item_id
    )
    context = {
        "item": item,
        "versions": item.versions.defer("raw"),
        "duplicates": item.duplicates.select_related("source"),
        "form": ArticleForm(user=request.user, initial={"section": item.source.section_id}),
    }
    return TemplateResponse(request, "wire/admin/preview.html", context)


@require_POST
def make_article(request: HttpRequest, item_id: int) -> HttpResponse:
    _desk(request)
    item = get_object_or_404(WireItem.objects.select_related("source"), pk=item_id)
    form = ArticleForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a section you may add articles to."))
        return redirect("wire_desk:preview", item_id=item.pk)
    try:
        article = article_from_item(
            item=item, section=form.cleaned_data["section"], user=request.user
        )
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect("wire_desk:preview", item_id=item.pk)
    messages.success(
        request, _("A draft was made from the wire item. Edit it and send it for review.")
    )
    return redirect("wagtailadmin_pages:edit", article.pk)
