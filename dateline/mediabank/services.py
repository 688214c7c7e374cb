"""Writes of the media bank."""

from __future__ import annotations

from typing import Any

from django.core.files.images import ImageFile
from django.db import transaction

from dateline.mediabank.models import Photo

PRECOMPUTED_SPECS = (
    "fill-480x270-c80",
    "fill-960x540-c80",
    "fill-1280x720-c80",
)


def photo_create(*, content: bytes, filename: str, title: str, **fields: Any) -> Photo:
    """Store a photo and its metadata fields, and make the renditions pages will ask for."""
    import io

    with transaction.atomic():
        photo = Photo(title=title, **fields)
        photo.file = ImageFile(io.BytesIO(content), name=filename)
        photo._set_image_file_metadata()
        photo.save()
    photo_renditions_warm(photo=photo)
    return photo


def photo_renditions_warm(*, photo: Photo, specs: tuple[str, ...] = PRECOMPUTED_SPECS) -> None:
    """Generate the renditions listings and articles use, so no page request has to."""
    photo.get_renditions(*specs)
