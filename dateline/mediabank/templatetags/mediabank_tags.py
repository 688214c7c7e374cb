from typing import Any

from django import template
from django.urls import reverse

from dateline.mediabank.credits import photo_credit
from dateline.mediabank.models import Photo

register = template.Library()


@register.filter
def credit(photo: Photo | None) -> str:
    return photo_credit(photo) if photo else ""


@register.inclusion_tag("mediabank/photo_figure.html")
def photo_figure(
    photo: Photo | None,
    caption: str = "",
    spec: str = "fill-1280x720-c80",
    loading: str = "lazy",
) -> dict[str, Any]:
    """A photo with its caption and credit line, linked to its media-bank page."""
    return {
        "photo": photo,
        "caption": caption or (photo.caption if photo else ""),
        "credit": photo_credit(photo) if photo else "",
        "photo_url": reverse("mediabank:photo", kwargs={"photo_id": photo.pk}) if photo else "",
        "spec": spec,
        "loading": loading,
    }
