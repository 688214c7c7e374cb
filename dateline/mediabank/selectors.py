"""Reads of the media bank."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.http import Http404
from wagtail import hooks
from wagtail.models import Collection

from dateline.core.pagination import Listing, page_number, paginate
from dateline.core.search.index import Scope, search_best, search_ranked
from dateline.core.search.query import query_parse
from dateline.mediabank.models import Photo, PhotoRendition
from dateline.mediabank.search import PHOTO

PHOTOS_PER_PAGE = 24


def photo_get(*, photo_id: int) -> Photo:
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        raise Http404("No such photo")
    return photo


def rendition_by_file_name(*, name: str) -> PhotoRendition | None:
    """The rendition stored as `images/<name>`; names with a folder in them are nobody's."""
    if not name or "/" in name or "\\" in name or "\x00" in name:
        return None
    return PhotoRendition.objects.filter(file=f"images/{name}").first()


# The Wagtail hook by which the apps that publish photos say where a photo was published:
# `fn(*, photo, language_code) -> list` of pages (with `url` and `title`). The media bank
# is the ground floor and knows no article.
PUBLISHED_WITH_HOOK = "mediabank_photo_published_with"


def photo_published_with(*, photo: Photo, language_code: str) -> list[Any]:
    """What the edition in `language_code` published with this photo, newest first."""
    return [
        page
        for published_with in hooks.get_hooks(PUBLISHED_WITH_HOOK)
        for page in published_with(photo=photo, language_code=language_code)
    ]


@dataclass(frozen=True)
class PhotoFilters:
    """The media bank's filters; empty ones filter nothing."""

    date_from: date | None = None
    date_to: date | None = None
    collection: Collection | None = None
    creator: str = ""
    credit: str = ""  # an agency or credit: the credit line, the source or the copyright
    place: str = ""  # a city, region or country
    orientation: str = ""  # landscape, portrait or square
    order: str = "relevance"

    @property
    def narrowed(self) -> bool:
        fields = (self.date_from, self.date_to, self.collection, self.creator, self.credit)
        return any((*fields, self.place, self.orientation))

    def apply(self, photos: QuerySet[Photo]) -> QuerySet[Photo]:
        if self.date_from:
            photos = photos.filter(date_created_day__gte=self.date_from)
        if self.date_to:
            photos = photos.filter(date_created_day__lte=self.date_to)
        if self.collection:
            photos = photos.filter(collection=self.collection)
        if self.creator:
            photos = photos.filter(creator__iexact=self.creator)
        if self.credit:
            photos = photos.filter(
                Q(credit_line__icontains=self.credit)
                | Q(source__icontains=self.credit)
                | Q(copyright_notice__icontains=self.credit)
            )
        if self.place:
            photos = photos.filter(
                Q(city__iexact=self.place)
                | Q(province_state__iexact=self.place)
                | Q(country__iexact=self.place)
                | Q(country_code__iexact=self.place)
            )
        if self.orientation:
            photos = photos.filter(ORIENTATIONS[self.orientation])
        return photos


ORIENTATIONS = {
    "landscape": Q(width__gt=F("height")),
    "portrait": Q(width__lt=F("height")),
    "square": Q(width=F("height")),
}


def photo_listing(
    *, query: str = "", filters: PhotoFilters | None = None, page: Any = 1
) -> Listing:
    """The bank's photos, filtered; newest first, or the best matches first when searching.

    The search covers headline, title, caption, keywords, people, place, creator, credit
    line, source and copyright, analysed as the site's search analyses (a Cyrillic word
    as Russian): an agency's name or a photographer's finds their photos.
    """
    filters = filters or PhotoFilters()
    photos = filters.apply(Photo.objects.all())
    parsed = query_parse(query, language=settings.LANGUAGE_CODE)
    if not parsed:
        ordered = photos.order_by("-created_at", "-id").prefetch_related("renditions")
        return paginate(ordered, page=page, per_page=PHOTOS_PER_PAGE)
    number = page_number(page)
    wanted = number * PHOTOS_PER_PAGE + 1
    if filters.narrowed:
        matches = search_ranked(kind=PHOTO, query=parsed, candidates=photos, order=filters.order)
        ids = list(matches.values_list("object_id", flat=True)[:wanted])
    else:  # every photo of the bank is public: ranked inside the index alone
        ids = search_best(
            scope=Scope(kind=PHOTO, language=settings.LANGUAGE_CODE),
            query=parsed,
            limit=wanted,
            order=filters.order,
        ).ids
    listing = paginate(ids, page=number, per_page=PHOTOS_PER_PAGE)
    found = Photo.objects.prefetch_related("renditions").in_bulk(listing.items)
    listing.items = [found[pk] for pk in listing.items if pk in found]
    return listing
