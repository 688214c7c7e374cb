"""Forms of the media bank: the admin's photo form and the public bank's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection

from dateline.mediabank.services import photo_metadata_apply


class PhotoForm(BaseImageForm):
    """Wagtail's image form; a new file fills the blank metadata fields from its own metadata.

    Editors then see the values prefilled on the edit form and can correct them.
    """

    def save(self, commit: bool = True) -> Any:
        photo = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload is not None and "file" in self.changed_data:
            upload.seek(0)
            photo_metadata_apply(photo=photo, content=upload.read())
            upload.seek(0)
        if commit:
            photo.save()
            self.save_m2m()
        return photo


class MediaBankFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("Taken from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Taken until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    collection = forms.ModelChoiceField(
        label=_("Collection"), queryset=Collection.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.filter(depth__gt=1).order_by("name")
        self.fields["collection"].empty_label = _("All collections")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
