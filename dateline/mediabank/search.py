"""The media bank in the search index: each photo's words, written as the photo is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings

from dateline.core.search.index import (
    Document,
    search_entries_delete,
    search_entries_rewrite,
    search_entries_save,
)
from dateline.mediabank.models import Photo

PHOTO = "photo"


def photo_document(photo: Photo) -> Document:
    """Headline and title; caption; then keywords, people, place and the credits (a photo
    desk searches for "TASS" or a photographer's name as often as for what is shown).

    Photos carry no language of their own: the site's default analyses them, and a Cyrillic
    word is analysed as Russian whatever the default."""
    body = [
        photo.keywords,
        photo.persons_shown,
        photo.place,
        photo.country_code,
        photo.creator,
        photo.credit_line,
        photo.source,
        photo.copyright_notice,
    ]
    return Document(
        object_id=photo.pk,
        language=settings.LANGUAGE_CODE,
        title=f"{photo.headline} {photo.title}",
        summary=photo.caption,
        body=" ".join(part for part in body if part),
        published_at=photo.created_at,
    )


def photos_index(*, photos: Iterable[Photo], using: str = "default") -> int:
    return search_entries_save(
        kind=PHOTO, documents=[photo_document(photo) for photo in photos], using=using
    )


def photos_reindex(*, batch: int = 1000, progress: Callable[[int], None] | None = None) -> int:
    """Every photo of the bank written anew; returns how many."""
    return search_entries_rewrite(
        list(Photo.objects.order_by("pk").values_list("pk", flat=True)),
        write=lambda chunk: photos_index(photos=Photo.objects.filter(pk__in=chunk)),
        batch=batch,
        progress=progress,
    )


def photos_unindex(*, photo_ids: Iterable[int]) -> int:
    return search_entries_delete(kind=PHOTO, object_ids=photo_ids)
