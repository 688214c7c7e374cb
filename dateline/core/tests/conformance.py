"""IPTC's, sitemaps.org's and Google's samples and schemas, read from ../shared/conformance/
and never copied into the project. Tests that need them are marked `conformance`: without
the folder they are skipped with the reason, except in CI, where its absence fails them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

CONFORMANCE = Path(settings.BASE_DIR).parent / "shared" / "conformance"


def conformance_required() -> None:
    if CONFORMANCE.is_dir() and any(CONFORMANCE.iterdir()):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CONFORMANCE} is missing: CI runs with ../shared/ beside the clone")
    pytest.skip(f"needs the standards' samples in {CONFORMANCE} (absent here)")
