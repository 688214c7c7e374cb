"""Settings for the test suite: the real database named by DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
DATELINE_SERVE_MEDIA = True
# As in dev: the demo seed article keeps its discussion open; tests of closing set days.
DATELINE_COMMENTS_OPEN_DAYS = 0
# Wire sources and push services in tests are servers on loopback.
DATELINE_ALLOW_PRIVATE_NETWORK = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the server thread of browser tests writes while a
    # stream reads, and only a file database waits for a lock instead of failing at once.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet
if "ratelimit" in CACHES and "filebased" in CACHES["ratelimit"]["BACKEND"]:  # noqa: F405
    # Tests run in parallel processes that must not share counters; each test starts
    # with empty ones (conftest).
    CACHES["ratelimit"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
    }
