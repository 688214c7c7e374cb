from typing import Any

from django import template

from dateline.mediabank.credits import photo_credit
from dateline.mediabank.models import Photo

register = template.Library()


@register.filter
def credit(photo: Photo | None) -> str:
    return photo_credit(photo) if photo else ""


@register.inclusion_tag("mediabank/photo_figure.html", takes_context=True)
def photo_figure(
    context: dict[str, Any],
    photo: Photo | None,
    caption: str = "",
    spec: str = "fill-1280x720-c80",
    loading: str = "lazy",
) -> dict[str, Any]:
    """A photo with its caption and credit line, linked to its media-bank page."""
    edition = context.get("edition")
    return {
        "photo": photo,
        "caption": caption or (photo.caption if photo else ""),
        "credit": photo_credit(photo) if photo else "",
        "photo_url": f"{edition.url}mediabank/{photo.pk}/" if photo and edition else "",
        "spec": spec,
        "loading": loading,
    }
