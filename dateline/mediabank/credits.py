"""The credit line under a photo, built from its rights holder and creator."""

import re

from dateline.mediabank.models import Photo

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
