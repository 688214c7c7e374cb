"""Readers' forms of the newsroom's pages: the search and its filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from dateline.core.search.query import query_cut
from dateline.newsroom.models import Author, EditionHomePage, SectionPage
from dateline.newsroom.search import ORDERS, PERIODS, SearchFilters

QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    """The query and its filters from the address; an unknown filter is a clear error."""

    q = forms.CharField(label=_("Search the news"), required=False, max_length=QUERY_MAX_LENGTH)
    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.none(), to_field_name="slug", required=False
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.all(), to_field_name="slug", required=False
    )
    topic = forms.ModelChoiceField(queryset=Tag.objects.all(), to_field_name="slug", required=False)
    period = forms.ChoiceField(
        choices=[("", _("Any time")), *((k, v[0]) for k, v in PERIODS.items())], required=False
    )
    order = forms.ChoiceField(choices=list(ORDERS.items()), required=False)

    def __init__(self, data, *, edition: EditionHomePage) -> None:
        super().__init__(query_cut(data, length=QUERY_MAX_LENGTH))
        self.fields["section"].queryset = SectionPage.objects.child_of(edition).live()

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            section=data["section"],
            author=data["author"],
            topic=data["topic"],
            period=data["period"],
            order=data["order"] or "relevance",
        )
