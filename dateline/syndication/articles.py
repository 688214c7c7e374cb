"""Facts about a published article that every outward channel repeats the same way."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from wagtail.images.models import AbstractRendition

from dateline.mediabank.credits import photo_credit
from dateline.mediabank.models import Photo
from dateline.mediabank.services import SHARE_SIZES
from dateline.newsroom.models import ArticlePage

# One size for feeds, structured data and the API's main rendition: 16:9, 1280 wide,
# what news aggregators ask for (at least 1200 wide).
LEAD_SPEC = "fill-1280x720-c80"
# The lead photo in the three shapes search engines ask for: 16:9, 4:3 and 1:1.
STRUCTURED_DATA_SPECS = (LEAD_SPEC, *SHARE_SIZES)
THUMBNAIL_SPEC = "fill-320x180-c80"
MIME_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}


def author_names(article: ArticlePage) -> list[str]:
    """Bylines in order (prefetched by `syndicated_articles`)."""
    return [byline.author.name for byline in article.bylines.all()]


def topic_names(article: ArticlePage) -> list[str]:
    return [tag.name for tag in article.topics.all()]


@dataclass(frozen=True)
class RenditionFacts:
    url: str
    width: int
    height: int
    mime_type: str
    size: int


@dataclass(frozen=True)
class LeadImage(RenditionFacts):
    caption: str
    credit: str


def rendition_facts(rendition: AbstractRendition) -> RenditionFacts:
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return RenditionFacts(
        url=rendition.url,
        width=rendition.width,
        height=rendition.height,
        mime_type=MIME_TYPES.get(extension, "image/jpeg"),
        size=rendition.file.size,
    )


def lead_image(article: ArticlePage, spec: str = LEAD_SPEC) -> LeadImage | None:
    photo = article.lead_photo
    if photo is None:
        return None
    return LeadImage(
        **asdict(rendition_facts(photo.get_rendition(spec))),
        caption=article.lead_photo_caption or photo.caption,
        credit=photo_credit(photo),
    )


def pictures(article: ArticlePage) -> list[tuple[Photo, str]]:
    """The article's photos with their captions, in reading order: the lead photo, then
    those of the body; each photo once."""
    found: dict[int, tuple[Photo, str]] = {}
    if article.lead_photo is not None:
        photo = article.lead_photo
        found[photo.pk] = (photo, article.lead_photo_caption or photo.caption)
    for block in article.body:
        photo = block.value["photo"] if block.block_type == "photo" else None
        if photo is not None and photo.pk not in found:
            found[photo.pk] = (photo, block.value["caption"] or photo.caption)
    return list(found.values())
