"""Every page a reader opens is valid HTML: the Nu HTML checker (vnu.jar on Debian's Java,
`tools/html-checker`, installed by `.ci/run`) finds no error on them, in both editions."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from dateline.tests.reader_pages import READER_PAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VNU = Path(settings.BASE_DIR) / "tools/html-checker/node_modules/vnu-jar/build/dist/vnu.jar"
PAGES = [*READER_PAGES, "/{lang}/no-such-page/"]


@pytest.fixture
def checker():
    if not VNU.exists() or shutil.which("java") is None:
        reason = "needs Java and the Nu HTML checker (npm ci --prefix tools/html-checker)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: .ci/run installs both")
        pytest.skip(reason)
    return ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]


def test_reader_pages_have_no_html_errors(client, demo_database, checker, tmp_path):
    from dateline.mediabank.models import Photo

    paths = [p.format(lang=lang) for lang in ("en", "ru") for p in PAGES]
    photo = Photo.objects.order_by("id").first()
    paths += [f"/en/mediabank/{photo.id}/", f"/ru/mediabank/{photo.id}/"]
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        page = tmp_path / f"{number:02}.html"
        page.write_bytes(response.content)
        files.append((page, path))
    result = subprocess.run(  # noqa: S603 - the checker on our own pages
        [*checker, *(str(page) for page, _path in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    by_file = {page.name: path for page, path in files}
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{by_file.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m.get('message')}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
