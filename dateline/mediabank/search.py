"""The media bank in the search index: each photo's words, written as the photo is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction

from dateline.core.search.index import Document, search_entries_delete, search_entries_save
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
    done = 0
    ids = list(Photo.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            done += photos_index(photos=Photo.objects.filter(pk__in=chunk))
        if progress is not None:
            progress(len(chunk))
    return done


def photos_unindex(*, photo_ids: Iterable[int]) -> int:
    return search_entries_delete(kind=PHOTO, object_ids=photo_ids)
