from django import forms
from django.utils.translation import gettext_lazy as _

from dateline.newsroom.selectors import EditionChrome
from dateline.subscriptions.choices import Choices


class ChoicesForm(forms.Form):
    """What to receive: the edition's daily digest, section digests, breaking news, and
    updates on stories followed."""

    daily = forms.BooleanField(label=_("The daily digest"), required=False)
    sections = forms.TypedMultipleChoiceField(
        label=_("Section digests"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    breaking = forms.BooleanField(label=_("Breaking-news alerts by e-mail"), required=False)
    stories = forms.TypedMultipleChoiceField(
        label=_("Stories you follow"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, edition: EditionChrome, stories=(), **kwargs) -> None:
        """`stories`: the (id, title) of the stories offered: those followed, or asked for."""
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s.id, s.title) for s in edition.sections]
        self.fields["stories"].choices = list(stories)

    @classmethod
    def initial_from(cls, choices: Choices) -> dict:
        return {
            "daily": choices.daily,
            "breaking": choices.breaking,
            "sections": sorted(choices.sections),
            "stories": sorted(choices.stories),
        }

    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(
            daily=data["daily"],
            breaking=data["breaking"],
            sections=frozenset(data["sections"]),
            stories=frozenset(data["stories"]),
        )


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)

    field_order = ["email", "stories", "daily", "sections", "breaking"]
