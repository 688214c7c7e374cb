"""Photos as cameras and agencies send them: a camera JPEG with its preview, EXIF edited
after the XMP, a date without a time, and the IPTC properties a news photo desk works with
(accessibility, provenance, rights), read, shown and carried into every rendition."""

import io

import pyexiv2
import pytest
from PIL import Image

from dateline.mediabank.metadata import photo_metadata_read
from dateline.mediabank.services import photo_import
from dateline.mediabank.tests.fixtures import REFERENCE_IMAGE, reference_values, written
from dateline.newsroom.tests.factories import edition_tree

pytestmark = pytest.mark.django_db


def test_a_camera_jpeg_with_its_preview_is_taken_as_the_jpeg_it_is():
    buffer = io.BytesIO()
    main, preview = Image.new("RGB", (640, 480), "navy"), Image.new("RGB", (160, 120), "navy")
    main.save(buffer, "MPO", save_all=True, append_images=[preview])
    content = buffer.getvalue()
    with Image.open(io.BytesIO(content)) as opened:
        assert opened.format == "MPO", "Pillow calls it MPO"
    photo = photo_import(content=content, filename="camera.jpg").photo
    assert (photo.width, photo.height) == (640, 480)
    assert photo.get_rendition("fill-480x270-c80").width == 480


def test_exif_edited_after_the_xmp_wins_for_what_both_hold(tmp_path):
    older_xmp = [
        "-XMP-dc:Description=Caption as first written",
        "-XMP-dc:Creator=First Name",
        "-XMP-xmp:MetadataDate=2020:01:01 10:00:00+00:00",
        "-EXIF:ImageDescription=Caption corrected in the camera app",
        "-EXIF:Artist=Corrected Name",
        "-EXIF:DateTimeOriginal=2024:05:01 08:30:00",
    ]
    newer = photo_metadata_read(
        written(tmp_path, *older_xmp, "-EXIF:ModifyDate=2024:05:02 09:00:00")
    ).values
    assert newer["caption"] == "Caption corrected in the camera app"
    assert newer["creator"] == "Corrected Name"
    synced = photo_metadata_read(
        written(tmp_path, *older_xmp, "-EXIF:ModifyDate=2019:05:02 09:00:00")
    ).values
    assert synced["caption"] == "Caption as first written", "XMP written last: XMP wins"


def test_a_date_without_a_time_is_a_date(tmp_path):
    values = photo_metadata_read(written(tmp_path, "-XMP-photoshop:DateCreated=2017:07:13")).values
    assert str(values["date_created_day"]) == "2017-07-13"
    assert "date_created" not in values, "no midnight invented in UTC"
    iim = photo_metadata_read(written(tmp_path, "-IPTC:DateCreated=2009:11:02")).values
    assert str(iim["date_created_day"]) == "2009-11-02" and "date_created" not in iim
    timed = photo_metadata_read(
        written(tmp_path, "-XMP-photoshop:DateCreated=2009:11:02 23:30:00-05:00")
    ).values
    assert str(timed["date_created_day"]) == "2009-11-02", "the day where it was taken"
    assert timed["date_created"].isoformat() == "2009-11-02T23:30:00-05:00"


@pytest.mark.conformance
def test_the_desks_iptc_properties_are_read_from_the_reference_image():
    expected = reference_values()
    values = photo_metadata_read(REFERENCE_IMAGE.read_bytes()).values
    owners = expected["XMP-plus:CopyrightOwner"]
    assert values["copyright_owners"] == "; ".join(o["CopyrightOwnerName"] for o in owners)
    licensors = expected["XMP-plus:Licensor"]
    assert values["licensors"] == "; ".join(o["LicensorName"] for o in licensors)
    assert values["creator_contact"].startswith(
        expected["XMP-iptcCore:CreatorContactInfo"]["CiAdrExtadr"]
    )
    assert values["location_shown"].count(";") == 1, "both locations shown"
    assert "City (Location created1) (ref2017.1)" in values["location_created"]
    assert values["event"] == expected["XMP-iptcExt:Event"]
    assert values["digital_source_type"].endswith("/softwareImage")
    assert values["model_release_status"].endswith("/MR-NAP")
    assert values["property_release_status"].endswith("/PR-NAP")
    assert values["subject_codes"] == ", ".join(expected["XMP-iptcCore:SubjectCode"])
    assert values["scene_codes"] == ", ".join(expected["XMP-iptcCore:Scene"])


def test_alt_text_ai_provenance_and_rights_reach_the_page_and_every_rendition(client, tmp_path):
    edition_tree()
    content = written(
        tmp_path,
        "-XMP-iptcCore:AltTextAccessibility=Ferry in a storm at the harbour mouth",
        "-XMP-iptcCore:ExtDescrAccessibility=Waves break over the ferry's bow.",
        "-XMP-iptcExt:DigitalSourceType="
        "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
        "-XMP-plus:OtherConstraints=No archive use",
        "-XMP-plus:CopyrightOwnerName=Example Photo Agency",
        "-XMP-dc:Description=A ferry",
    )
    with pyexiv2.ImageData(content) as image:  # Debian's exiftool 12.57 predates PLUS 2.0.1
        image.modify_xmp({"Xmp.plus.DataMining": "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED"})
        content = image.get_bytes()
    photo = photo_import(content=content, filename="ferry.jpg").photo
    assert photo.is_synthetic
    html = client.get(f"/en/mediabank/{photo.pk}/").content.decode()
    assert 'alt="Ferry in a storm at the harbour mouth"' in html
    assert "Made with generative AI" in html and "created by generative AI" in html
    assert "Waves break over the ferry" in html
    assert "Data mining" in html and "prohibited" in html
    rendition = photo.get_rendition("fill-480x270-c80|format-webp")
    with rendition.file.open("rb") as handle, pyexiv2.ImageData(handle.read()) as image:
        xmp = image.read_xmp()
    assert xmp["Xmp.plus.DataMining"].endswith("DMI-PROHIBITED")
    assert xmp["Xmp.plus.CopyrightOwner[1]/plus:CopyrightOwnerName"] == "Example Photo Agency"
    assert xmp["Xmp.iptcExt.DigitalSourceType"].endswith("trainedAlgorithmicMedia")
    assert xmp["Xmp.plus.OtherConstraints"]['lang="x-default"'] == "No archive use"
