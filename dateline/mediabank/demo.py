"""Demo photos: drawn by Pillow, credited in their own IPTC IIM and XMP metadata."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

import pyexiv2
from PIL import Image, ImageDraw, ImageFilter

# IIM's Coded Character Set for UTF-8 (ESC % G), so Cyrillic captions survive.
IIM_UTF8 = "\x1b%G"


@dataclass(frozen=True)
class DemoPhotoMetadata:
    caption: str
    creator: str
    copyright_notice: str
    credit_line: str
    source: str
    city: str = ""
    country: str = ""
    keywords: list[str] = field(default_factory=list)
    headline: str = ""
    usage_terms: str = "Editorial use only."


def demo_photo_bytes(
    *, seed: int, metadata: DemoPhotoMetadata, size: tuple[int, int] = (1600, 900)
) -> bytes:
    """A JPEG of soft shapes on a gradient, carrying `metadata` as IIM and XMP."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = size
    top = tuple(rng.randrange(40, 200) for _ in range(3))
    bottom = tuple(rng.randrange(20, 120) for _ in range(3))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(t + (b - t) * mix) for t, b in zip(top, bottom, strict=True)),
        )
    for _ in range(7):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(60, 320)
        colour = tuple(rng.randrange(60, 255) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(18))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return embed_metadata(buffer.getvalue(), metadata)


def embed_metadata(jpeg: bytes, metadata: DemoPhotoMetadata) -> bytes:
    with pyexiv2.ImageData(jpeg) as data:
        data.modify_iptc(
            _present(
                {
                    "Iptc.Envelope.CharacterSet": IIM_UTF8,
                    "Iptc.Application2.Headline": metadata.headline,
                    "Iptc.Application2.Caption": metadata.caption,
                    "Iptc.Application2.Byline": [metadata.creator],
                    "Iptc.Application2.Copyright": metadata.copyright_notice,
                    "Iptc.Application2.Credit": metadata.credit_line,
                    "Iptc.Application2.Source": metadata.source,
                    "Iptc.Application2.City": metadata.city,
                    "Iptc.Application2.CountryName": metadata.country,
                    "Iptc.Application2.Keywords": metadata.keywords,
                }
            )
        )
        data.modify_xmp(
            _present(
                {
                    "Xmp.dc.description": {'lang="x-default"': metadata.caption},
                    "Xmp.dc.creator": [metadata.creator],
                    "Xmp.dc.rights": {'lang="x-default"': metadata.copyright_notice},
                    "Xmp.dc.subject": metadata.keywords,
                    "Xmp.photoshop.Headline": metadata.headline,
                    "Xmp.photoshop.Credit": metadata.credit_line,
                    "Xmp.photoshop.Source": metadata.source,
                    "Xmp.photoshop.City": metadata.city,
                    "Xmp.photoshop.Country": metadata.country,
                    "Xmp.xmpRights.UsageTerms": {'lang="x-default"': metadata.usage_terms},
                }
            )
        )
        return data.get_bytes()


def _present(values: dict) -> dict:
    """Leave out empty fields rather than write empty datasets."""
    return {
        key: value for key, value in values.items() if value and value != {'lang="x-default"': ""}
    }
