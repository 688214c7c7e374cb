"""Every interface string is translated into Russian, and the catalogue compiles cleanly."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.PACKAGE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, with continuation lines joined."""
    entries, current, field = [], {"msgid": "", "msgstr": ""}, None
    for line in [*text.splitlines(), ""]:
        if line.startswith("msgid "):
            if current["msgid"]:
                entries.append((current["msgid"], current["msgstr"]))
            current, field = {"msgid": line[7:-1], "msgstr": ""}, "msgid"
        elif line.startswith("msgstr "):
            current["msgstr"], field = line[8:-1], "msgstr"
        elif line.startswith('"') and field:
            current[field] += line[1:-1]
        elif not line.strip():
            field = None
    if current["msgid"]:
        entries.append((current["msgid"], current["msgstr"]))
    return entries


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_catalogue_passes_msgfmt_check():
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["msgfmt", "--check", "--output-file=/dev/null", str(CATALOGUE)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_no_russian_string_is_left_empty_or_fuzzy():
    text = CATALOGUE.read_text(encoding="utf-8")
    empty = [msgid for msgid, msgstr in _entries(text) if msgid and not msgstr]
    assert empty == []
    assert "#, fuzzy" not in text


def test_catalogue_is_up_to_date_with_the_code(tmp_path):
    """makemessages finds no string in the code that the catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext's xgettext is not installed")
    work = tmp_path / "dateline"
    shutil.copytree(
        settings.PACKAGE_DIR, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            "ru",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
            "PYTHONPATH": str(Path(settings.BASE_DIR)),
            "PATH": "/usr/bin:/bin",
        },
    )
    fresh = {
        msgid
        for msgid, _ in _entries(
            (work / "locale/ru/LC_MESSAGES/django.po").read_text(encoding="utf-8")
        )
    }
    committed = {msgid for msgid, _ in _entries(CATALOGUE.read_text(encoding="utf-8"))}
    assert fresh - committed == set()
