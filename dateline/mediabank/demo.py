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
    """A JPEG that reads as a photograph of a city at dusk (sky, skyline with lit windows,
    water reflecting it, lens softness and grain), carrying `metadata` as IIM and XMP."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    sky_top = (rng.randrange(20, 70), rng.randrange(40, 90), rng.randrange(100, 170))
    sky_low = (rng.randrange(200, 250), rng.randrange(120, 190), rng.randrange(90, 160))
    for y in range(horizon):
        mix = (y / horizon) ** 1.6
        draw.line([(0, y), (width, y)], fill=_blend(sky_top, sky_low, mix))
    sun_x, sun_r = rng.randrange(width // 5, 4 * width // 5), rng.randrange(30, 70)
    draw.ellipse([sun_x - sun_r, horizon - sun_r * 2, sun_x + sun_r, horizon], fill=(255, 226, 170))
    x = -rng.randrange(0, 40)
    while x < width:  # the skyline, one building after another
        w, h = rng.randrange(width // 22, width // 8), rng.randrange(horizon // 6, horizon * 2 // 3)
        shade = rng.randrange(18, 55)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=(shade, shade, shade + 12))
        for wy in range(horizon - h + 12, horizon - 10, 18):
            for wx in range(x + 8, x + w - 8, 14):
                if rng.random() < 0.35:
                    glow = rng.randrange(170, 255)
                    draw.rectangle([wx, wy, wx + 5, wy + 8], fill=(glow, glow - 30, 90))
        x += w + rng.randrange(0, 12)
    water = image.crop((0, 2 * horizon - height, width, horizon)).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM
    )
    water = Image.blend(water, Image.new("RGB", water.size, (15, 30, 50)), 0.55)
    image.paste(water.filter(ImageFilter.GaussianBlur(3)), (0, horizon))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise(size, 18).convert("RGB")
    image = Image.blend(image, grain, 0.06)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return embed_metadata(buffer.getvalue(), metadata)


def _blend(a: tuple[int, ...], b: tuple[int, ...], mix: float) -> tuple[int, ...]:
    return tuple(int(x + (y - x) * mix) for x, y in zip(a, b, strict=True))


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
