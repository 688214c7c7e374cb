"""Writes of the media bank: every photo enters through `photo_import`."""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from wagtail.models import Collection

from dateline.mediabank.metadata import PhotoMetadata, jpeg_segments, photo_metadata_read
from dateline.mediabank.models import Photo, PhotoDownload

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "AVIF"}
MAX_METADATA_BYTES = 4 * 1024 * 1024
# What pages ask for: cards in JPEG, article photos as WebP with JPEG beside it. AVIF is
# left out on purpose: exiv2 cannot write XMP into it, and credits must travel with files.
FIGURE_SIZES = (
    "fill-480x270-c80",
    "fill-960x540-c80",
    "fill-1280x720-c80",
    "width-640",
    "width-1280",
)
# What search engines are offered beside the 16:9 lead (an article's structured data).
SHARE_SIZES = ("fill-1200x900-c80", "fill-1200x1200-c80")
PRECOMPUTED_SPECS = (
    *FIGURE_SIZES,
    *(f"{size}|format-webp" for size in FIGURE_SIZES),
    *SHARE_SIZES,
)


class PhotoRejected(ValidationError):
    """The file is not a photo the bank can take; the message says why."""


@dataclass
class PhotoImport:
    photo: Photo
    created: bool
    problems: list[str] = field(default_factory=list)


def photo_file_check(*, content: bytes) -> str:
    """Refuse what is not a whole, reasonably sized image of a known format; returns its format."""
    if not content:
        raise PhotoRejected(_("The file is empty."))
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(content) > limit:
        raise PhotoRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": len(content) // 2**20, "limit": limit // 2**20}
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; the pixel check below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoRejected(
            _("The file is not an image we can read (%(error)s).") % {"error": error}
        ) from error
    # A camera JPEG carrying its preview (Multi-Picture Format) is the JPEG it is.
    image_format = "JPEG" if image_format == "MPO" else image_format
    if image_format not in ACCEPTED_FORMATS:
        raise PhotoRejected(
            _("%(format)s files are not accepted; send JPEG, PNG, GIF, WebP or AVIF.")
            % {"format": image_format}
        )
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise PhotoRejected(
            _(
                "The image is %(width)d × %(height)d pixels, "
                "more than the %(limit)d million allowed."
            )
            % {
                "width": width,
                "height": height,
                "limit": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 10**6,
            }
        )
    if image_format == "JPEG" and _jpeg_metadata_size(content) > MAX_METADATA_BYTES:
        raise PhotoRejected(
            _("The file's metadata is larger than 4 MB; it is refused as malformed.")
        )
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()  # decodes every pixel: a truncated file fails here
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoRejected(
            _("The image is damaged or incomplete (%(error)s).") % {"error": error}
        ) from error
    return image_format


def photo_import(
    *,
    content: bytes,
    filename: str,
    collection: Collection | None = None,
    user: User | None = None,
) -> PhotoImport:
    """Store a photo with the credits, caption and rights its own metadata carries.

    The same file twice gives back the photo already stored. A file that is not a usable
    image raises `PhotoRejected` and leaves neither a row nor a file behind.
    """
    photo_file_check(content=content)
    file_hash = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's own duplicate key
    existing = Photo.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return PhotoImport(photo=existing, created=False)

    metadata = photo_metadata_read(content, max_lengths=_max_lengths())
    photo = Photo(
        title=_title(metadata, filename),
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=user,
        metadata_problems="\n".join(metadata.problems),
        **{k: v for k, v in metadata.values.items() if k != "title"},
    )
    photo.file = ImageFile(io.BytesIO(content), name=Path(filename).name)
    photo._set_image_file_metadata()
    try:
        with transaction.atomic():
            photo.save()
    except Exception:
        photo.file.delete(save=False)  # no orphan file when the row could not be stored
        raise
    transaction.on_commit(lambda: photo_renditions_queue(photo=photo))
    return PhotoImport(photo=photo, created=True, problems=metadata.problems)


def photo_renditions_queue(*, photo: Photo) -> None:
    """Hand the renditions to the worker (a page that asks first makes its own)."""
    from dateline.mediabank.tasks import photo_renditions_task

    photo_renditions_task.enqueue(photo.pk)


def photo_renditions_warm(*, photo: Photo, specs: tuple[str, ...] = PRECOMPUTED_SPECS) -> None:
    """Generate the renditions listings and articles use, so no page request has to."""
    photo.get_renditions(*specs)


def photo_metadata_apply(*, photo: Photo, content: bytes, overwrite: bool = False) -> PhotoMetadata:
    """Fill a photo's metadata fields from file bytes (blank fields only, unless `overwrite`)."""
    metadata = photo_metadata_read(content, max_lengths=_max_lengths())
    for name, value in metadata.values.items():
        if name != "title" and (overwrite or not getattr(photo, name)):
            setattr(photo, name, value)
    filename = photo.file.name if photo.file else ""
    if not photo.title or _is_file_name(photo.title, filename):
        # An upload names the photo after its file; the photographer's title says more.
        photo.title = _title(metadata, filename)
    photo.metadata_problems = "\n".join(metadata.problems)
    return metadata


# What a wire, a caption sheet or an editor may say of a photo beside its own metadata.
CREDIT_FIELDS = ("caption", "creator", "credit_line", "copyright_notice")


def photo_credits_fill(*, photo: Photo, credits: dict[str, str]) -> list[str]:
    """Fill the photo's blank credit fields (`CREDIT_FIELDS`) from `credits`: what the
    file itself said is kept. The fields it filled."""
    changed = []
    for name in CREDIT_FIELDS:
        value = credits.get(name, "")
        if value and not getattr(photo, name):
            setattr(photo, name, value[: photo._meta.get_field(name).max_length or None])
            changed.append(name)
    if changed:
        photo.save(update_fields=changed)
    return changed


def photo_download_record(*, photo: Photo, user: User, address: str | None) -> PhotoDownload:
    return PhotoDownload.objects.create(photo=photo, user=user, address=address)


def _is_file_name(title: str, filename: str) -> bool:
    """Whether `title` is only the file's name, as the admin's uploader fills it in."""

    def plain(text: str) -> str:
        return " ".join(re.split(r"[\s_.-]+", text.lower())).strip()

    return bool(filename) and plain(title) == plain(Path(filename).stem)


def _title(metadata: PhotoMetadata, filename: str) -> str:
    values = metadata.values
    title = (
        values.get("headline")
        or values.get("title")
        or values.get("caption")
        or Path(filename).stem
    )
    return title[:255]


def _max_lengths() -> dict[str, int]:
    return {
        f.name: f.max_length
        for f in Photo._meta.get_fields()
        if getattr(f, "max_length", None) and f.name != "file"
    }


def _jpeg_metadata_size(content: bytes) -> int:
    """Bytes in a JPEG's application segments (EXIF, XMP, IPTC) before the image data."""
    return sum(len(segment) for marker, segment in jpeg_segments(content) if 0xE0 <= marker <= 0xEF)
