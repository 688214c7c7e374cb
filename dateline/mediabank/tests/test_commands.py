from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Collection

from dateline.mediabank.models import Photo
from dateline.mediabank.tests.fixtures import REFERENCE_IMAGE, jpeg

pytestmark = [pytest.mark.conformance, pytest.mark.django_db]


def test_import_photos_reports_duplicates_and_failures_and_imports_the_rest(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "ref.jpg").write_bytes(REFERENCE_IMAGE.read_bytes())
    (folder / "copy-of-ref.jpg").write_bytes(REFERENCE_IMAGE.read_bytes())
    (folder / "plain.jpg").write_bytes(jpeg())
    (folder / "broken.jpg").write_bytes(b"not a photo")
    out = StringIO()
    call_command(
        "import_photos", str(folder), "--collection", "Agency feed", stdout=out, stderr=StringIO()
    )
    report = out.getvalue()
    assert "Imported 2, skipped 1 duplicate(s), failed 1 of 4 file(s)." in report
    assert "broken.jpg: The file is not an image we can read" in report
    assert Photo.objects.count() == 2
    assert set(Photo.objects.values_list("collection__name", flat=True)) == {"Agency feed"}
    assert Collection.objects.filter(name="Agency feed").count() == 1
