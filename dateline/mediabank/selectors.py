"""Reads of the media bank."""

from typing import Any

from django.http import Http404

from dateline.mediabank.models import Photo
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.selectors import Listing, paginate

PHOTOS_PER_PAGE = 24


def photo_get(*, photo_id: int) -> Photo:
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        raise Http404("No such photo")
    return photo


def photo_articles(*, photo: Photo, locale_id: int, limit: int = 10) -> list[ArticlePage]:
    """Published articles of the edition that lead with this photo."""
    return list(
        ArticlePage.objects.live()
        .filter(locale_id=locale_id, lead_photo=photo)
        .order_by("-first_published_at")
        .only("id", "title", "url_path", "first_published_at", "locale_id")[:limit]
    )


def photo_listing(*, page: Any = 1) -> Listing:
    """The bank's photos, newest first."""
    queryset = Photo.objects.order_by("-created_at", "-id").prefetch_related("renditions")
    return paginate(queryset, page=page, per_page=PHOTOS_PER_PAGE)
