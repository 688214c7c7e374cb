"""Every way a photo enters: good files import with their credits, bad ones leave nothing."""

import io
from pathlib import Path

import pyexiv2
import pytest
from django_tasks_db.models import DBTaskResult
from PIL import Image

from dateline.core.tests.worker import run_worker
from dateline.mediabank.models import Photo
from dateline.mediabank.services import PRECOMPUTED_SPECS, PhotoRejected, photo_import
from dateline.mediabank.tests.fixtures import REFERENCE_IMAGE, jpeg, written

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_reference_photo_imports_with_its_credits():
    result = photo_import(content=REFERENCE_IMAGE.read_bytes(), filename="ref.jpg")
    photo = Photo.objects.get(pk=result.photo.pk)
    assert result.created
    assert photo.title == "The Headline (ref2017.1)"
    assert photo.creator == "Creator1 (ref2017.1), Creator2 (ref2017.1)"
    assert photo.copyright_notice.startswith("Copyright (Notice) 2017.1 IPTC")


def test_same_file_twice_is_a_duplicate():
    content = REFERENCE_IMAGE.read_bytes()
    first = photo_import(content=content, filename="a.jpg")
    again = photo_import(content=content, filename="b.jpg")
    assert not again.created
    assert again.photo.pk == first.photo.pk
    assert Photo.objects.count() == 1


def truncated() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(buffer, "JPEG")
    content = buffer.getvalue()
    return content[: len(content) * 2 // 3]


def bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels, a few kilobytes
    return buffer.getvalue()


def bmp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    return buffer.getvalue()


def oversized_metadata() -> bytes:
    content = jpeg()
    segment = b"\xff\xe2" + (0xFFFF).to_bytes(2, "big") + b"\x00" * 0xFFFD
    return content[:2] + segment * 70 + content[2:]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.4 not an image", "not an image we can read"),
        (truncated(), "damaged or incomplete"),
        (bomb(), "more than the 80 million allowed"),
        (bmp(), "BMP files are not accepted"),
        (oversized_metadata(), "metadata is larger than 4 MB"),
    ],
    ids=[
        "empty",
        "not-an-image",
        "truncated",
        "decompression-bomb",
        "unsupported-format",
        "huge-metadata",
    ],
)
def test_bad_files_are_refused_and_leave_nothing_behind(settings, content, message):
    with pytest.raises(PhotoRejected, match=message):
        photo_import(content=content, filename="bad.jpg")
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


def test_oversized_upload_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    with pytest.raises(PhotoRejected, match="the limit is"):
        photo_import(content=jpeg(size=(400, 400)) + b"\x00" * 2048, filename="big.jpg")
    assert Photo.objects.count() == 0


def test_corrupt_metadata_in_a_good_image_imports_and_is_reported(tmp_path):
    content = written(tmp_path, "-XMP-dc:Creator=Ok Name", "-XMP-xmpRights:WebStatement=not a url")
    result = photo_import(content=content, filename="ok.jpg")
    assert result.created
    assert result.photo.creator == "Ok Name"
    assert result.photo.web_statement == ""
    assert "web statement" in result.photo.metadata_problems


def test_failed_save_leaves_no_orphan_file(settings, monkeypatch):
    def broken_save(*args, **kwargs):
        raise RuntimeError("database went away")

    original = Photo.save

    def save_file_then_fail(self, *args, **kwargs):
        self.file.save(self.file.name, self.file.file, save=False)
        broken_save()

    monkeypatch.setattr(Photo, "save", save_file_then_fail)
    with pytest.raises(RuntimeError):
        photo_import(content=jpeg(), filename="orphan.jpg")
    monkeypatch.setattr(Photo, "save", original)
    assert stored_files(settings) == []


def test_renditions_carry_the_credit_in_their_own_xmp():
    photo = photo_import(content=REFERENCE_IMAGE.read_bytes(), filename="ref.jpg").photo
    for spec in ("fill-480x270-c80", "fill-480x270-c80|format-webp"):
        rendition = photo.get_rendition(spec)
        with rendition.file.open("rb") as handle, pyexiv2.ImageData(handle.read()) as image:
            xmp = image.read_xmp()
        assert xmp["Xmp.dc.creator"] == ["Creator1 (ref2017.1)", "Creator2 (ref2017.1)"], spec
        assert xmp["Xmp.dc.rights"]['lang="x-default"'] == photo.copyright_notice, spec


# The worker runs as it does beside `make run`: on committed rows, in its own transactions.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_renditions_are_made_by_the_worker_after_the_commit():
    photo = photo_import(content=jpeg(size=(800, 600)), filename="later.jpg").photo
    assert not photo.renditions.exists()  # the editor did not wait for them
    run_worker()
    made = set(photo.renditions.values_list("filter_spec", flat=True))
    assert made == set(PRECOMPUTED_SPECS)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_photo_deleted_before_the_worker_came_leaves_it_nothing_to_do():
    photo = photo_import(content=jpeg(size=(800, 600)), filename="gone.jpg").photo
    photo.delete()
    run_worker()
    result = DBTaskResult.objects.get(task_path__endswith="photo_renditions_task")
    assert result.status == "SUCCESSFUL" and result.return_value == "deleted"
