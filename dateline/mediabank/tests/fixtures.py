"""Photo files for tests: made by Pillow, their metadata written by Debian's exiftool."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

CONFORMANCE = Path(settings.BASE_DIR).parent / "shared" / "conformance" / "photo-metadata"
REFERENCE_IMAGE = CONFORMANCE / "IPTC-PhotometadataRef-Std2017.1.jpg"
REFERENCE_VALUES = CONFORMANCE / "IPTC-PhotometadataRef-Std2017.1.exiftool-12.57.json"


def jpeg(size: tuple[int, int] = (64, 36), colour: tuple[int, int, int] = (90, 120, 150)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def exiftool(path: Path, *arguments: str) -> None:
    """Write metadata with exiftool (installed by .ci/run; tests needing it skip elsewhere)."""
    if shutil.which("exiftool") is None:
        if os.environ.get("CI"):
            pytest.fail("exiftool is missing: .ci/run installs libimage-exiftool-perl")
        pytest.skip("exiftool is not installed (apt-get install libimage-exiftool-perl)")
    subprocess.run(  # noqa: S603 - fixed program, arguments from the test
        ["exiftool", "-q", "-overwrite_original", *arguments, str(path)],  # noqa: S607
        check=True,
        capture_output=True,
    )


def written(
    tmp_path: Path, *arguments: str, colour: tuple[int, int, int] = (90, 120, 150)
) -> bytes:
    path = tmp_path / f"photo-{len(list(tmp_path.iterdir()))}.jpg"
    path.write_bytes(jpeg(colour=colour))
    exiftool(path, *arguments)
    return path.read_bytes()


def reference_values() -> dict:
    return json.loads(REFERENCE_VALUES.read_text())[0]


def with_utf16_xmp(content: bytes, *, caption: str, creator: str) -> bytes:
    """`content` with an XMP packet in UTF-16, as some Windows tools write it."""
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:description><rdf:Alt>"
        f'<rdf:li xml:lang="x-default">{caption}</rdf:li>'
        "</rdf:Alt></dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode("utf-16")
    return content[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + content[2:]
