"""The credit line under a photo, built from its rights holder and creator."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import pyexiv2

if TYPE_CHECKING:
    from dateline.mediabank.models import Photo

logger = logging.getLogger(__name__)

_COPYRIGHT_PREFIX = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.]*", re.I
)


def photo_rights_holder(photo: Photo) -> str:
    """The holder named in the copyright notice ("© 2009 RIA Novosti" gives "RIA Novosti")."""
    holder = _COPYRIGHT_PREFIX.sub("", photo.copyright_notice).strip()
    return holder or photo.credit_line or photo.source


def photo_credit(photo: Photo) -> str:
    """The credit as agencies print it: "© RIA Novosti . Eduard Pesov"."""
    holder = photo_rights_holder(photo)
    parts = [f"© {holder}"] if holder else []
    if photo.creator and photo.creator != holder:
        parts.append(photo.creator)
    return " . ".join(parts)


def _rights(photo: Photo) -> dict[str, Any]:
    """The rights and provenance a copy must carry: owners, licensors, releases, the
    data-mining and other constraints, and how the image was made (AI made stays said)."""
    values: dict[str, Any] = {
        "Xmp.plus.DataMining": photo.data_mining,
        "Xmp.plus.ModelReleaseStatus": photo.model_release_status,
        "Xmp.plus.PropertyReleaseStatus": photo.property_release_status,
        "Xmp.iptcExt.DigitalSourceType": photo.digital_source_type,
        "Xmp.plus.OtherConstraints": {'lang="x-default"': photo.other_constraints}
        if photo.other_constraints
        else None,
    }
    for key, field, names in (
        ("Xmp.plus.CopyrightOwner", "plus:CopyrightOwnerName", photo.copyright_owners),
        ("Xmp.plus.Licensor", "plus:LicensorName", photo.licensors),
    ):
        listed = [name.strip() for name in names.split(";") if name.strip()]
        if listed:
            values[key] = 'type="Seq"'
            for number, name in enumerate(listed, start=1):
                values[f"{key}[{number}]/{field}"] = name
    return values


def credit_embed(content: bytes, photo: Photo) -> bytes:
    """`content` (a rendition) with the photo's creator, rights and credit in its own XMP.

    A file saved from the page keeps its credit. Formats exiv2 cannot write (or a
    photo without credits) are returned unchanged: a rendition never fails for this.
    """
    values = {
        "Xmp.dc.creator": [c.strip() for c in photo.creator.split(",") if c.strip()],
        "Xmp.dc.rights": {'lang="x-default"': photo.copyright_notice}
        if photo.copyright_notice
        else None,
        "Xmp.photoshop.Credit": photo.credit_line,
        "Xmp.photoshop.Source": photo.source,
        "Xmp.xmpRights.WebStatement": photo.web_statement,
        "Xmp.xmpRights.UsageTerms": {'lang="x-default"': photo.usage_terms}
        if photo.usage_terms
        else None,
    }
    values.update(_rights(photo))
    values = {key: value for key, value in values.items() if value}
    if not values:
        return content
    try:
        with pyexiv2.ImageData(content) as image:
            image.modify_xmp(values)
            return image.get_bytes()
    except Exception:
        logger.warning(
            "Could not embed credits in a rendition of photo %s", photo.pk, exc_info=True
        )
        return content
