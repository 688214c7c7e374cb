"""Forms of the media bank: the admin's photo form and the public bank's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection

from dateline.core.search.query import query_cut
from dateline.mediabank.selectors import PhotoFilters
from dateline.mediabank.services import photo_file_check, photo_metadata_apply


class PhotoFileField(WagtailImageField):
    """Wagtail's image field, behind the import service's own check: Wagtail reads the
    file's size in pixels before anything else, and a truncated JPEG made that a 500."""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            data.seek(0)
            photo_file_check(content=data.read())  # PhotoRejected is a ValidationError
            data.seek(0)
        return super().to_python(data)


class PhotoForm(BaseImageForm):
    """Wagtail's image form; a new file fills the blank metadata fields from its own metadata.

    A new file passes the same check as every import (whole image, known format, size and
    metadata limits), so the admin takes nothing the import service would refuse. Editors
    then see the values prefilled on the edit form and can correct them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wagtails = self.fields.get("file")
        if wagtails is not None:  # forms that only edit an uploaded photo have no file
            self.fields["file"] = PhotoFileField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )

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
    creator = forms.CharField(label=_("Photographer"), required=False, max_length=255)
    credit = forms.CharField(label=_("Agency or credit"), required=False, max_length=255)
    place = forms.CharField(label=_("Place"), required=False, max_length=128)
    orientation = forms.ChoiceField(
        label=_("Orientation"),
        required=False,
        choices=[
            ("", _("Any")),
            ("landscape", _("Landscape")),
            ("portrait", _("Portrait")),
            ("square", _("Square")),
        ],
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("relevance", _("Best matches first")), ("newest", _("Newest first"))],
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None:
            data = query_cut(data, length=self.base_fields["q"].max_length)
        super().__init__(data, **kwargs)
        self.fields["collection"].queryset = Collection.objects.filter(depth__gt=1).order_by("name")
        self.fields["collection"].empty_label = _("All collections")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> PhotoFilters:
        data = self.cleaned_data
        return PhotoFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            collection=data.get("collection"),
            creator=data.get("creator", "").strip(),
            credit=data.get("credit", "").strip(),
            place=data.get("place", "").strip(),
            orientation=data.get("orientation", ""),
            order=data.get("order") or "relevance",
        )
