"""The embedded profile: `make run` on a laptop, no other server needed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed development key: dev settings are never used in production (see production.py).
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-deploy")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATELINE_SERVE_MEDIA = env.bool("DATELINE_SERVE_MEDIA", default=True)
# The demo is dated from 2 November 2026 on; its discussions stay open to be tried.
DATELINE_COMMENTS_OPEN_DAYS = env.int("DATELINE_COMMENTS_OPEN_DAYS", default=0)
# The demo newsroom works from Moscow, as its editions do.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
