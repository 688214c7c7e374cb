"""Project-wide test fixtures."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test writes its files under its own temporary folder and starts with empty caches."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
