"""Settings shared by every profile. All configuration comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "dateline"
VAR_DIR = Path(environ.Env().str("DATELINE_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "dateline.core",
    "dateline.newsroom",
    "dateline.mediabank",
    "dateline.live",
    "dateline.accounts",
    "dateline.comments",
    "dateline.chats",
    "dateline.syndication",
    "dateline.subscriptions",
    "dateline.wire",
    "dateline.demo",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "dateline.accounts.apps.UsersAdminConfig",  # wagtail.users, readers without names
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_ratelimit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dateline.core.csp.InlineForAdminMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dateline.core.page_cache.PublicCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dateline.core.locale.EditionLocaleMiddleware",
    "dateline.newsroom.edition_time.EditionTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "dateline.newsroom.routing.PageRouteMiddleware",
]

# Content-Security-Policy on every response (see dateline/core/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        # Editors may embed a video or a post (wagtail.embeds): those come in frames.
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],  # the admin previews pages in a frame
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"
ASGI_APPLICATION = "dateline.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dateline.newsroom.context_processors.edition",
            ],
        },
    },
]

# The embedded profile keeps everything under var/: a SQLite file in WAL mode
# lets readers proceed while the scheduler writes.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dateline.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Reads through a memory map share the operating system's page cache across
            # connections and processes, without a copy per read (a large archive).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Requests reuse a few threads (dateline/core/request_threads.py), and so their
    # connections: reopening SQLite with its PRAGMAs was most of an uncached page's time.
    DATABASES["default"].setdefault("CONN_MAX_AGE", None)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
elif env.int("DATELINE_DB_POOL_SIZE", default=0):
    # The scale profile: each process borrows from a pool of at most this many connections
    # for the length of a request, whatever the number of threads serving requests; a
    # request that waits longer than the timeout for one gets a 503 with Retry-After.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # checked on loan: a restart heals
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env.int("DATELINE_DB_POOL_SIZE"),
        "timeout": env.float("DATELINE_DB_POOL_TIMEOUT", default=10.0),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")


def redis_cache(url: str, prefix: str = "") -> dict:
    """A Redis cache that an outage turns into misses, never into errors: pages come from
    the database, and publishing goes through, until Redis is back (django-redis)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": redis_cache(REDIS_URL),
        "renditions": redis_cache(REDIS_URL, "renditions"),
        # An outage makes the counters unreadable: limited actions are refused (429) until
        # Redis is back, rather than left unlimited.
        "ratelimit": redis_cache(REDIS_URL, "ratelimit"),
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        },
        # Its own store, so that cached pages never evict the counters; in files, so that
        # every server process of the embedded profile counts against the same limit.
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR.resolve() / "ratelimit"),
            "OPTIONS": {"MAX_ENTRIES": 50000},
        },
    }
    # Files are shared by the processes of one machine, which is all the embedded profile has.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_USE_CACHE = "ratelimit"

# Live messages (newsfeed streams): one process in memory; Redis across processes and hosts.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: one Redis connection per process however many streams it serves.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 200}}
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: one edition per content language.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("ru", "Русский")]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The newsroom's own zone: the admin shows and takes times in it (scheduling included)
# unless an editor picks another under Account → Preferences. Readers see each edition's.
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DATELINE_SERVE_MEDIA = env.bool("DATELINE_SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: files under var/mail/ unless an SMTP server is configured.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Dateline <newsroom@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "Dateline"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "mediabank.Photo"
WAGTAILIMAGES_IMAGE_FORM_BASE = "dateline.mediabank.forms.PhotoForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 80_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party request for editors' avatars
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor for Wagtail's releases (the admin asks nobody outside)
TAGGIT_CASE_INSENSITIVE = True

# Search: Russian is lemmatised (pymorphy3); every other edition's language is stemmed by
# the Snowball algorithm named here (PyStemmer's names). A new edition in another language
# adds its code; a language not named is stemmed as English.
DATELINE_SEARCH_STEMMERS = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "no": "norwegian",
    "da": "danish",
    "fi": "finnish",
    "tr": "turkish",
    "ar": "arabic",
    "hu": "hungarian",
    "ro": "romanian",
    "sr": "serbian",
    "el": "greek",
    "hy": "armenian",
    "uk": "russian",  # closer than English until a Ukrainian lemmatiser is added
    **env.json("DATELINE_SEARCH_STEMMERS", default={}),
}

# Accounts (reader sign-in and sign-up are completed by the audience app).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "dateline.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "dateline.accounts.forms.SignupForm"
ACCOUNT_USER_DISPLAY = "dateline.accounts.selectors.user_display"
ACCOUNT_CHANGE_EMAIL = True  # one address per reader; changing it verifies the new one
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-in attempts per address; after 5 failures for one account it is locked for 15 minutes.
ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/5m/ip,5/15m/key"}
# The newsroom's sign-in (the admin's) locks alike: 5 failures per account, 10 per address.
DATELINE_ADMIN_LOGIN_FAILURES = env.str("DATELINE_ADMIN_LOGIN_FAILURES", default="5/15m")
DATELINE_ADMIN_LOGIN_FAILURES_ADDRESS = env.str(
    "DATELINE_ADMIN_LOGIN_FAILURES_ADDRESS", default="10/5m"
)
CSRF_FAILURE_VIEW = "dateline.core.views.csrf_failure"

# Comments
# Days after first publication that an article takes comments; 0 keeps them open.
DATELINE_COMMENTS_OPEN_DAYS = env.int("DATELINE_COMMENTS_OPEN_DAYS", default=30)
DATELINE_COMMENT_MAX_LENGTH = 2000
DATELINE_COMMENT_EDIT_MINUTES = 10
DATELINE_COMMENT_RATE_USER = env.str("DATELINE_COMMENT_RATE_USER", default="5/m")
DATELINE_COMMENT_RATE_ADDRESS = env.str("DATELINE_COMMENT_RATE_ADDRESS", default="20/m")

# Chats
DATELINE_CHAT_MAX_LENGTH = 500
DATELINE_CHAT_HISTORY = 50
DATELINE_CHAT_RATE = env.str("DATELINE_CHAT_RATE", default="10/m")
# Subscriptions: links in mail and push point here; digests go out at this local hour.
DATELINE_PUBLIC_URL = env.str("DATELINE_PUBLIC_URL", default="http://127.0.0.1:8000")
DATELINE_DIGEST_HOUR = env.int("DATELINE_DIGEST_HOUR", default=7)
DATELINE_DIGEST_SIZE = 20
DATELINE_SUBSCRIBE_RATE = env.str("DATELINE_SUBSCRIBE_RATE", default="5/h")
# Seconds a mailing may go without a delivery claimed before the scheduler hands it to a
# worker again (its own died). One send is bounded by EMAIL_TIMEOUT, far below it.
DATELINE_MAILING_RESUME_AFTER = env.int("DATELINE_MAILING_RESUME_AFTER", default=120)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Web Push: a P-256 private key (base64url, 32 bytes; `manage.py vapid_key` makes one).
DATELINE_VAPID_PRIVATE_KEY = env.str("DATELINE_VAPID_PRIVATE_KEY", default="")
DATELINE_VAPID_SUBJECT = env.str("DATELINE_VAPID_SUBJECT", default="mailto:newsroom@localhost")
# Wagtail's own tasks (search indexing) stay immediate; ours (digests, alerts) wait in the
# database for `manage.py db_worker --backend background`, which `make run` starts.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Addresses the server calls for others (wire sources, push endpoints) must be public,
# unless this is on (tests use loopback servers; a closed network may need it).
DATELINE_ALLOW_PRIVATE_NETWORK = env.bool("DATELINE_ALLOW_PRIVATE_NETWORK", default=False)
# Wire ingest: drop folders must lie under this root; the largest document read;
# NewsML-G2 checked against this XSD when set.
DATELINE_WIRE_DROP_ROOT = Path(env.str("DATELINE_WIRE_DROP_ROOT", default=str(VAR_DIR / "wire")))
DATELINE_WIRE_MAX_BYTES = env.int("DATELINE_WIRE_MAX_BYTES", default=5 * 1024 * 1024)
DATELINE_WIRE_NEWSML_G2_XSD = env.str("DATELINE_WIRE_NEWSML_G2_XSD", default="")
# "warn": an item the schema finds wrong comes in with its errors shown on the desk;
# "strict": it is refused.
DATELINE_WIRE_SCHEMA_CHECK = env.str("DATELINE_WIRE_SCHEMA_CHECK", default="warn")
if DATELINE_WIRE_SCHEMA_CHECK not in ("warn", "strict"):
    raise ImproperlyConfigured("DATELINE_WIRE_SCHEMA_CHECK is 'warn' or 'strict'.")
DATELINE_API_RATE = env.str("DATELINE_API_RATE", default="600/m")  # per partner key
# A distribution destination failing this long is paused and the editors are told.
DATELINE_DISTRIBUTION_PAUSE_AFTER = timedelta(
    hours=env.float("DATELINE_DISTRIBUTION_PAUSE_HOURS", default=6)
)
# A transmission being sent whose worker died is taken up again after this many seconds.
DATELINE_DISTRIBUTION_LEASE = timedelta(
    seconds=env.int("DATELINE_DISTRIBUTION_LEASE_SECONDS", default=300)
)

# Caching proxies (Varnish with xkey) told by surrogate key what a change touches, e.g.
# `http://127.0.0.1:8080/`; empty in the embedded profile, which has none.
DATELINE_PURGE_PROXIES = env.list("DATELINE_PURGE_PROXIES", default=[])

# Threads that run Django's code for requests in each ASGI process, reused from one request
# to the next with their database connections; more requests wait their turn. On SQLite,
# whose queries wait for nothing, a second thread only fights the first for the
# interpreter: two processes of one thread served 210–245 uncached articles a second, of
# eight threads 89–205 (bench.pages); the processes (one per core) are the parallelism.
DATELINE_REQUEST_THREADS = env.int(
    "DATELINE_REQUEST_THREADS",
    default=1 if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else 8,
)

# Whole anonymous pages from memory in the embedded profile (see dateline/core/page_cache.py).
DATELINE_PAGE_CACHE = env.bool("DATELINE_PAGE_CACHE", default=True)
# Memory each web process gives it, and seconds between two reads of the changes other
# processes made (the longest another process serves a page a change made stale).
DATELINE_PAGE_CACHE_MB = env.int("DATELINE_PAGE_CACHE_MB", default=64)
DATELINE_PAGE_CACHE_POLL = env.float("DATELINE_PAGE_CACHE_POLL", default=0.5)

# Live: seconds between keep-alives on a newsfeed stream, and between two reads of the
# outbox by each process's watcher (the longest a publish takes to reach open pages).
DATELINE_LIVE_KEEPALIVE = env.float("DATELINE_LIVE_KEEPALIVE", default=15.0)
DATELINE_LIVE_POLL = env.float("DATELINE_LIVE_POLL", default=0.2)
# Without Redis: seconds between two reads of the chat and comment messages other server
# processes sent (see dateline/live/relay.py).
DATELINE_BROADCAST_POLL = env.float("DATELINE_BROADCAST_POLL", default=0.2)
# Events a stream holds for a reader who is not taking them; beyond that the reader is
# dropped and its browser reconnects, replaying what it missed from the outbox.
DATELINE_LIVE_CLIENT_BUFFER = env.int("DATELINE_LIVE_CLIENT_BUFFER", default=100)
# Page-view beacons accepted per address (django-ratelimit rate).
DATELINE_VIEW_BEACON_RATE = env.str("DATELINE_VIEW_BEACON_RATE", default="120/m")

# Newsroom
DATELINE_NEWSFEED_SIZE = 20
DATELINE_SECTION_PAGE_SIZE = 20
DATELINE_SCHEDULER_INTERVAL = env.int("DATELINE_SCHEDULER_INTERVAL", default=15)
# The embedded profile publishes scheduled pages inside its one ASGI process; the scale
# profile turns this off and runs `manage.py run_scheduler` once, beside the web processes.
DATELINE_SCHEDULER_IN_PROCESS = env.bool("DATELINE_SCHEDULER_IN_PROCESS", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Every page save queues index and reference tasks; their chatter hides real messages.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},  # says it loads its dictionaries on every start
    },
}
