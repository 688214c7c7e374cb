"""System checks of the deployment that Django's own do not make."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Warning, register
from django.core.files.storage import storages


@register()
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Without DEBUG every page links its hashed static files: until `collectstatic` has
    written the manifest, every page is a 500."""
    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.exists(storage.manifest_name):
        return []
    return [
        Warning(
            "Static files have not been collected: every page will fail until they are.",
            hint="Run `manage.py collectstatic --noinput` (make scale does).",
            id="dateline.W001",
        )
    ]
