"""Read a photo's IPTC Photo Metadata from its own file: IIM, XMP and EXIF.

Each field is looked up in the order the Metadata Working Group's guidelines give:
XMP first, then IIM, then EXIF. The exceptions are records edited after the XMP was
written: when the file carries Photoshop's IPTC digest and it no longer matches the IIM
block, IIM is the newer record and wins over XMP; when EXIF's own modification time is
later than the XMP's (a camera or a tool that knows no XMP wrote it last), EXIF's
description, artist, copyright and time of creation win. A date without a time is a date
(`date_created_day`), never a midnight invented in UTC. IIM text is decoded by its declared coded
character set (UTF-8), else as UTF-8 when it is valid, else as Latin-1.

Nothing is guessed: a value that cannot be read or does not fit is reported in
`problems` and left out.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import pyexiv2
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

IIM_UTF8 = "\x1b%G"

# field: (XMP key, IIM key, EXIF key); IPTC's mapping in
# ../shared/conformance/photo-metadata/iptc-pmd-techreference_2024.1.json
FIELD_SOURCES: dict[str, tuple[str | None, str | None, str | None]] = {
    "title": ("Xmp.dc.title", "Iptc.Application2.ObjectName", None),
    "headline": ("Xmp.photoshop.Headline", "Iptc.Application2.Headline", None),
    "caption": ("Xmp.dc.description", "Iptc.Application2.Caption", "Exif.Image.ImageDescription"),
    "creator": ("Xmp.dc.creator", "Iptc.Application2.Byline", "Exif.Image.Artist"),
    "creator_job_title": ("Xmp.photoshop.AuthorsPosition", "Iptc.Application2.BylineTitle", None),
    "credit_line": ("Xmp.photoshop.Credit", "Iptc.Application2.Credit", None),
    "source": ("Xmp.photoshop.Source", "Iptc.Application2.Source", None),
    "copyright_notice": ("Xmp.dc.rights", "Iptc.Application2.Copyright", "Exif.Image.Copyright"),
    "usage_terms": ("Xmp.xmpRights.UsageTerms", None, None),
    "web_statement": ("Xmp.xmpRights.WebStatement", None, None),
    "city": ("Xmp.photoshop.City", "Iptc.Application2.City", None),
    "sublocation": ("Xmp.iptc.Location", "Iptc.Application2.SubLocation", None),
    "province_state": ("Xmp.photoshop.State", "Iptc.Application2.ProvinceState", None),
    "country": ("Xmp.photoshop.Country", "Iptc.Application2.CountryName", None),
    "country_code": ("Xmp.iptc.CountryCode", "Iptc.Application2.CountryCode", None),
    "keywords": ("Xmp.dc.subject", "Iptc.Application2.Keywords", None),
    "persons_shown": ("Xmp.iptcExt.PersonInImage", None, None),
    "job_id": (
        "Xmp.photoshop.TransmissionReference",
        "Iptc.Application2.TransmissionReference",
        None,
    ),
    "instructions": ("Xmp.photoshop.Instructions", "Iptc.Application2.SpecialInstructions", None),
    "alt_text_accessibility": ("Xmp.iptc.AltTextAccessibility", None, None),
    "extended_description": ("Xmp.iptc.ExtDescrAccessibility", None, None),
    "digital_source_type": ("Xmp.iptcExt.DigitalSourceType", None, None),
    "event": ("Xmp.iptcExt.Event", None, None),
    "subject_codes": ("Xmp.iptc.SubjectCode", "Iptc.Application2.Subject", None),
    "scene_codes": ("Xmp.iptc.Scene", None, None),
    "model_release_status": ("Xmp.plus.ModelReleaseStatus", None, None),
    "model_release_ids": ("Xmp.plus.ModelReleaseID", None, None),
    "property_release_status": ("Xmp.plus.PropertyReleaseStatus", None, None),
    "property_release_ids": ("Xmp.plus.PropertyReleaseID", None, None),
    "data_mining": ("Xmp.plus.DataMining", None, None),
    "other_constraints": ("Xmp.plus.OtherConstraints", None, None),
}
# Fields EXIF holds too: EXIF's value wins when EXIF was written after the XMP.
EXIF_WINS_WHEN_NEWER = ("caption", "creator", "copyright_notice")
# IPTC's structures, summed up as an editor reads them: (XMP key, fields in order, joiner).
STRUCTURES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "creator_contact": (
        "Xmp.iptc.CreatorContactInfo",
        (
            "Iptc4xmpCore:CiAdrExtadr",
            "Iptc4xmpCore:CiAdrCity",
            "Iptc4xmpCore:CiAdrRegion",
            "Iptc4xmpCore:CiAdrPcode",
            "Iptc4xmpCore:CiAdrCtry",
            "Iptc4xmpCore:CiEmailWork",
            "Iptc4xmpCore:CiTelWork",
            "Iptc4xmpCore:CiUrlWork",
        ),
        ", ",
    ),
    "copyright_owners": ("Xmp.plus.CopyrightOwner", ("plus:CopyrightOwnerName",), ""),
    "licensors": ("Xmp.plus.Licensor", ("plus:LicensorName",), ""),
    "location_shown": (
        "Xmp.iptcExt.LocationShown",
        (
            "Iptc4xmpExt:Sublocation",
            "Iptc4xmpExt:City",
            "Iptc4xmpExt:ProvinceState",
            "Iptc4xmpExt:CountryName",
        ),
        ", ",
    ),
    "location_created": (
        "Xmp.iptcExt.LocationCreated",
        (
            "Iptc4xmpExt:Sublocation",
            "Iptc4xmpExt:City",
            "Iptc4xmpExt:ProvinceState",
            "Iptc4xmpExt:CountryName",
        ),
        ", ",
    ),
}
LIST_SEPARATOR = ", "
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass
class PhotoMetadata:
    """Values for `Photo`'s metadata fields, and what could not be read."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def photo_metadata_read(
    content: bytes, *, max_lengths: dict[str, int] | None = None
) -> PhotoMetadata:
    """The metadata embedded in an image file's bytes."""
    result = PhotoMetadata()
    content = _xmp_as_utf8(content)
    try:
        image = pyexiv2.ImageData(content)
    except Exception as error:  # noqa: BLE001 - exiv2 raises anything on a bad file
        result.problems.append(f"metadata could not be read: {error}")
        return result
    with image:
        xmp = _read(image.read_xmp, "XMP", result)
        exif = _read(image.read_exif, "EXIF", result)
        iptc = _read_iim(image, result)
    records = [xmp, iptc, exif]
    if iptc and _iim_edited_after_xmp(content):
        records = [iptc, xmp, exif]
    exif_newer = _exif_written_after_xmp(xmp, exif)

    for name, keys in FIELD_SOURCES.items():
        ordered = keys if records[0] is xmp else (keys[1], keys[0], keys[2])
        pairs = list(zip(records, ordered, strict=True))
        if exif_newer and name in EXIF_WINS_WHEN_NEWER:
            pairs = [pairs[2], *pairs[:2]]
        for record, key in pairs:
            if key and record and key in record:
                value = _text(record[key])
                if value:
                    result.values[name] = value
                    break
    for name, (key, fields, joiner) in STRUCTURES.items():
        value = _structures(xmp, key, fields, joiner)
        if value:
            result.values[name] = value
    _date_created(xmp, iptc, exif, result, exif_newer=exif_newer)
    _validate(result, max_lengths or {})
    return result


def _read(reader: Any, label: str, result: PhotoMetadata) -> dict[str, Any]:
    try:
        return reader()
    except Exception as error:  # noqa: BLE001 - exiv2 raises anything on a bad file
        result.problems.append(f"{label} metadata is corrupt and was ignored ({error})")
        return {}


def _read_iim(image: pyexiv2.ImageData, result: PhotoMetadata) -> dict[str, Any]:
    try:
        return image.read_iptc(encoding="utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: IIM's default repertoire is ISO 8859-1.
        return _read(lambda: image.read_iptc(encoding="latin-1"), "IPTC IIM", result)
    except Exception as error:  # noqa: BLE001 - exiv2 raises anything on a bad file
        result.problems.append(f"IPTC IIM metadata is corrupt and was ignored ({error})")
        return {}


def _text(value: Any) -> str:
    """One string from XMP's language alternatives, lists and plain strings."""
    if isinstance(value, dict):
        value = value.get('lang="x-default"') or next(iter(value.values()), "")
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v).strip() for v in value if str(v).strip())
    text = str(value).replace("\x00", "").strip()
    return "" if text.startswith('type="') else text


def _date_created(
    xmp: dict, iptc: dict, exif: dict, result: PhotoMetadata, *, exif_newer: bool = False
) -> None:
    """When the photo was taken: `date_created` when the time is known, and always the day
    as written (`date_created_day`); a date alone is never given an invented time."""
    candidates = [
        ("XMP", xmp.get("Xmp.photoshop.DateCreated")),
        ("IIM", _iim_datetime(iptc)),
        ("EXIF", (exif.get("Exif.Photo.DateTimeOriginal") or "").replace(":", "-", 2)),
    ]
    if exif_newer:
        candidates = [candidates[2], *candidates[:2]]
    for label, raw in candidates:
        if not raw:
            continue
        text = str(raw).strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                result.values["date_created_day"] = date.fromisoformat(text)
                return
            moment = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            result.problems.append(f"date created ({label}) “{raw}” is not a date and was left out")
            continue
        result.values["date_created_day"] = moment.date()  # the day where it was taken
        result.values["date_created"] = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return


def _exif_written_after_xmp(xmp: dict, exif: dict) -> bool:
    """EXIF's modification time is later than the XMP's: EXIF was edited last."""
    written = _moment(str(exif.get("Exif.Image.DateTime") or "").replace(":", "-", 2))
    synced = _moment(xmp.get("Xmp.xmp.MetadataDate") or xmp.get("Xmp.xmp.ModifyDate"))
    return written is not None and synced is not None and written > synced


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value or "").strip().replace(" ", "T", 1))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _structures(xmp: dict, key: str, fields: tuple[str, ...], joiner: str) -> str:
    """A structure (or each of a list of them) summed up: its fields' text in order."""
    items: dict[str, dict[str, str]] = {}
    for full, value in xmp.items():
        if not full.startswith(key):
            continue
        match = re.fullmatch(re.escape(key) + r"(\[\d+\])?/([\w:]+)", full)
        if match:
            items.setdefault(match.group(1) or "", {})[match.group(2)] = _text(value)
    summaries = []
    for _index, item in sorted(items.items(), key=lambda pair: int(pair[0][1:-1] or 0)):
        parts = [item[field] for field in fields if item.get(field)]
        if parts:
            summaries.append((joiner or ", ").join(parts))
    return "; ".join(summaries)


def _iim_datetime(iptc: dict) -> str | None:
    """IIM's date and time as one ISO value; the date alone when no time was sent."""
    day = iptc.get("Iptc.Application2.DateCreated")
    if not day:
        return None
    clock = iptc.get("Iptc.Application2.TimeCreated")
    if not clock:
        return str(day).strip()
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock)).isoformat()
    except ValueError:
        return f"{day} {clock}"


def _validate(result: PhotoMetadata, max_lengths: dict[str, int]) -> None:
    for name, limit in max_lengths.items():
        value = result.values.get(name)
        if isinstance(value, str) and len(value) > limit:
            result.problems.append(
                f"{name.replace('_', ' ')} is longer than {limit} characters and was left out"
            )
            del result.values[name]
    statement = result.values.get("web_statement")
    if statement:
        try:
            URLValidator()(statement)
        except ValidationError:
            result.problems.append(
                f"web statement of rights “{statement}” is not a web address and was left out"
            )
            del result.values["web_statement"]


def _iim_edited_after_xmp(content: bytes) -> bool:
    """True when Photoshop's IPTC digest is present and no longer matches the IIM block."""
    resources = _photoshop_resources(content)
    iim, digest = resources.get(0x0404), resources.get(0x0425)
    return bool(iim and digest and hashlib.md5(iim).digest() != digest)  # noqa: S324 - MWG's checksum


def _photoshop_resources(content: bytes) -> dict[int, bytes]:
    """Image resources of a JPEG's Photoshop APP13 segment (empty for other files)."""
    resources: dict[int, bytes] = {}
    for marker, segment in jpeg_segments(content):
        if marker == 0xED and segment.startswith(b"Photoshop 3.0\x00"):
            resources.update(_parse_resources(segment[14:]))
    return resources


def jpeg_segments(content: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of each JPEG segment before the image data; empty for other files."""
    return [(marker, content[start:end]) for marker, start, end in _segment_spans(content)]


def _segment_spans(content: bytes) -> list[tuple[int, int, int]]:
    """(marker, payload start, payload end) of each segment before a JPEG's image data."""
    if not content.startswith(b"\xff\xd8"):
        return []
    position, spans = 2, []
    while position + 4 <= len(content) and content[position] == 0xFF:
        marker = content[position + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata
            break
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        spans.append((marker, position + 4, min(position + 2 + length, len(content))))
        position += 2 + length
    return spans


def _xmp_as_utf8(content: bytes) -> bytes:
    """The file with a UTF-16 or UTF-32 XMP packet re-encoded as UTF-8, which exiv2 requires.

    XMP allows all of them; exiv2 refuses the whole file on anything but UTF-8.
    """
    for marker, start, end in _segment_spans(content):
        payload = content[start:end]
        if marker != 0xE1 or not payload.startswith(XMP_HEADER):
            continue
        packet = payload[len(XMP_HEADER) :]
        encoding = next((name for bom, name in _BOMS if packet.startswith(bom)), None)
        if encoding is None:
            return content
        text = packet.decode(encoding).lstrip("\ufeff")
        new_payload = XMP_HEADER + text.encode("utf-8")
        if len(new_payload) + 2 > 0xFFFF:
            return content
        segment = b"\xff\xe1" + struct.pack(">H", len(new_payload) + 2) + new_payload
        return content[: start - 4] + segment + content[end:]
    return content


def _parse_resources(block: bytes) -> dict[int, bytes]:
    resources, position = {}, 0
    while position + 12 <= len(block) and block[position : position + 4] == b"8BIM":
        (identifier,) = struct.unpack(">H", block[position + 4 : position + 6])
        name_length = block[position + 6]
        position += 6 + name_length + 1 + ((name_length + 1) % 2)
        (size,) = struct.unpack(">I", block[position : position + 4])
        position += 4
        resources[identifier] = block[position : position + size]
        position += size + (size % 2)
    return resources
