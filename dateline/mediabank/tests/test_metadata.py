"""Credits, captions and rights read back from files, whatever wrote them."""

import pytest

from dateline.mediabank.metadata import photo_metadata_read
from dateline.mediabank.tests.fixtures import (
    REFERENCE_IMAGE,
    jpeg,
    reference_values,
    with_utf16_xmp,
    written,
)

pytestmark = pytest.mark.conformance

# Photo field -> the reference image's exiftool tag whose value it must read back.
REFERENCE_FIELDS = {
    "headline": "XMP-photoshop:Headline",
    "caption": "XMP-dc:Description",
    "creator_job_title": "XMP-photoshop:AuthorsPosition",
    "credit_line": "XMP-photoshop:Credit",
    "source": "XMP-photoshop:Source",
    "copyright_notice": "XMP-dc:Rights",
    "usage_terms": "XMP-xmpRights:UsageTerms",
    "web_statement": "XMP-xmpRights:WebStatement",
    "city": "XMP-photoshop:City",
    "sublocation": "XMP-iptcCore:Location",
    "province_state": "XMP-photoshop:State",
    "country": "XMP-photoshop:Country",
    "country_code": "XMP-iptcCore:CountryCode",
    "job_id": "XMP-photoshop:TransmissionReference",
    "instructions": "XMP-photoshop:Instructions",
}
REFERENCE_LISTS = {
    "creator": "XMP-dc:Creator",
    "keywords": "XMP-dc:Subject",
    "persons_shown": "XMP-iptcExt:PersonInImage",
}


def test_iptc_reference_image_reads_back_every_field():
    expected = reference_values()
    metadata = photo_metadata_read(REFERENCE_IMAGE.read_bytes())
    assert metadata.problems == []
    for field, tag in REFERENCE_FIELDS.items():
        assert metadata.values[field] == expected[tag], field
    for field, tag in REFERENCE_LISTS.items():
        assert metadata.values[field] == ", ".join(expected[tag]), field
    assert metadata.values["date_created"].isoformat() == "2017-07-13T17:01:00+00:00"


def test_reference_image_creators_come_from_xmp():
    """IIM names one creator, XMP two. The file has no Photoshop IPTC digest, so by the
    Metadata Working Group's rule XMP (the complete, newer record) wins over IIM."""
    expected = reference_values()
    assert expected["IPTC:By-line"] == "Creator1 (ref2017.1)"
    metadata = photo_metadata_read(REFERENCE_IMAGE.read_bytes())
    assert metadata.values["creator"] == "Creator1 (ref2017.1), Creator2 (ref2017.1)"
    # Likewise IIM's 32-character Province-State is cut short; XMP's is whole.
    assert expected["IPTC:Province-State"].endswith("(ref2017.1")
    assert metadata.values["province_state"] == "Province/State (Core) (ref2017.1)"


def test_iim_only(tmp_path):
    content = written(
        tmp_path,
        "-IPTC:Caption-Abstract=Kremlin at dusk",
        "-IPTC:By-line=Eduard Pesov",
        "-IPTC:CopyrightNotice=© RIA Novosti",
        "-IPTC:Credit=RIA Novosti",
        "-IPTC:City=Moscow",
        "-IPTC:Keywords=Kremlin",
        "-IPTC:Keywords=dusk",
        "-IPTC:DateCreated=2009:11:02",
        "-IPTC:TimeCreated=12:30:00+03:00",
        "-charset",
        "iptc=utf8",
        "-IPTC:CodedCharacterSet=UTF8",
    )
    values = photo_metadata_read(content).values
    assert values["caption"] == "Kremlin at dusk"
    assert values["creator"] == "Eduard Pesov"
    assert values["copyright_notice"] == "© RIA Novosti"
    assert values["keywords"] == "Kremlin, dusk"
    assert values["date_created"].isoformat() == "2009-11-02T12:30:00+03:00"


def test_xmp_only(tmp_path):
    content = written(
        tmp_path,
        "-XMP-dc:Description=Red Square",
        "-XMP-dc:Creator=Alexei Druzhinin",
        "-XMP-dc:Rights=© TASS",
        "-XMP-xmpRights:UsageTerms=Editorial use only",
        "-XMP-iptcExt:PersonInImage=Sergei Lavrov",
    )
    values = photo_metadata_read(content).values
    assert values == values | {
        "caption": "Red Square",
        "creator": "Alexei Druzhinin",
        "copyright_notice": "© TASS",
        "usage_terms": "Editorial use only",
        "persons_shown": "Sergei Lavrov",
    }


def test_conflicting_iim_and_xmp_without_digest_prefer_xmp(tmp_path):
    content = written(
        tmp_path, "-IPTC:By-line=Old Name", "-XMP-dc:Creator=New Name", "-IPTC:City=Moscow"
    )
    values = photo_metadata_read(content).values
    assert values["creator"] == "New Name"
    assert values["city"] == "Moscow"  # XMP lacks it: IIM fills the gap


def test_iim_edited_after_xmp_wins(tmp_path):
    """With Photoshop's IPTC digest present but stale, IIM is the newer record (MWG)."""
    path = tmp_path / "digest.jpg"
    path.write_bytes(jpeg())
    from dateline.mediabank.tests.fixtures import exiftool

    exiftool(
        path, "-IPTC:By-line=First Name", "-XMP-dc:Creator=First Name", "-Photoshop:IPTCDigest=new"
    )
    exiftool(path, "-IPTC:By-line=Corrected Name")  # an IIM-only tool: the digest goes stale
    assert photo_metadata_read(path.read_bytes()).values["creator"] == "Corrected Name"


def test_latin1_iim(tmp_path):
    content = written(
        tmp_path,
        "-charset",
        "iptc=latin1",
        "-IPTC:Caption-Abstract=Café crème à Paris",
        "-IPTC:By-line=José Núñez",
    )
    values = photo_metadata_read(content).values
    assert values["caption"] == "Café crème à Paris"
    assert values["creator"] == "José Núñez"


def test_cyrillic_caption(tmp_path):
    content = written(
        tmp_path,
        "-charset",
        "iptc=utf8",
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Caption-Abstract=Встреча Лаврова и Милибэнда",
        "-XMP-dc:Description=Встреча Лаврова и Милибэнда",
        "-XMP-dc:Creator=Эдуард Песов",
    )
    values = photo_metadata_read(content).values
    assert values["caption"] == "Встреча Лаврова и Милибэнда"
    assert values["creator"] == "Эдуард Песов"


def test_utf16_xmp():
    content = with_utf16_xmp(jpeg(), caption="Встреча в Москве", creator="Эдуард Песов")
    values = photo_metadata_read(content).values
    assert values["caption"] == "Встреча в Москве"
    assert values["creator"] == "Эдуард Песов"


def test_bad_fields_are_reported_not_guessed(tmp_path):
    content = written(
        tmp_path,
        "-XMP-dc:Description=Good caption",
        "-XMP-xmpRights:WebStatement=not a url",
        "-XMP-photoshop:DateCreated=yesterday-ish",
    )
    metadata = photo_metadata_read(content, max_lengths={"caption": 5})
    assert "web_statement" not in metadata.values
    assert "caption" not in metadata.values  # longer than the limit given
    assert any("web statement" in p for p in metadata.problems)
    assert any("caption" in p for p in metadata.problems)


@pytest.mark.parametrize("content", [b"", b"not an image", b"\xff\xd8\xff\xe1\xff\xff"])
def test_unreadable_input_reports_a_problem(content):
    metadata = photo_metadata_read(content)
    assert metadata.values == {}
    assert metadata.problems
