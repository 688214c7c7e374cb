"""Every interface string is translated into Russian, and the catalogue compiles cleanly."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.PACKAGE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, list[str]]]:
    """(msgid, translations) of a .po file: one translation, or one per plural form."""
    entries: list[tuple[str, list[str]]] = []
    msgid, forms, field = "", [], None
    for line in [*text.splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid:
                entries.append((msgid, forms))
            msgid, forms, field = line[7:-1], [], "msgid"
        elif line.startswith("msgstr"):
            forms.append(line.split(" ", 1)[1][1:-1])
            field = "msgstr"
        elif line.startswith('"') and field == "msgid":
            msgid += line[1:-1]
        elif line.startswith('"') and field == "msgstr":
            forms[-1] += line[1:-1]
        elif not line.strip():
            field = None
    if msgid:
        entries.append((msgid, forms))
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
    empty = [msgid for msgid, forms in _entries(text) if msgid and not all(forms)]
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
