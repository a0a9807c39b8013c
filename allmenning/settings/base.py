"""Settings for every environment, read from environment variables (see README).

Small typed helpers instead of a settings framework, in the healthchecks style.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    # The API's documentation pages (Swagger) from django-ninja's own static files, not a CDN
    # (the Content Security Policy allows scripts from this site only).
    "ninja",
    "apps.core",
    "apps.accounts",
    "apps.organisations",
    "apps.hubs",
    "apps.places",
    "apps.goals",
    "apps.knowledge",
    "apps.initiatives",
    "apps.processes",
    "apps.followup",
    "apps.notifications",
    "apps.participation",
    "apps.audit",
    "apps.mapinput",
    "apps.surveys",
    "apps.visions",
    "apps.events",
    "apps.partners",
    "apps.dialogues",
    "apps.governance",
    "apps.funding",
    "apps.results",
    "apps.agreements",
    "apps.volunteers",
    "apps.matching",
    "apps.consolidation",
    "apps.library",
    "apps.dashboards",
    "apps.residents",
    "apps.establishment",
    "apps.privacy",
    "apps.search",
    "apps.transfer",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A query stopped by statement_timeout answers 503, not 500 (apps.core.timeouts).
    "apps.core.timeouts.QueryTimeoutMiddleware",
    # A merged initiative's old address answers 301 to the one it was merged into.
    "apps.consolidation.middleware.MergedInitiativeRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The API: numbers in range, rate limits, Idempotency-Key (apps.core.api_guard).
    "apps.core.api_guard.ApiGuardMiddleware",
    # The same form posted twice does its work once (apps.core.idempotency).
    "apps.core.idempotency.FormTokenMiddleware",
    # A successful write to a hub raises its content version (apps.hubs.versions).
    "apps.hubs.versions.HubWriteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "allmenning.urls"
WSGI_APPLICATION = "allmenning.wsgi.application"

# Forms render through Django's form renderer with Designsystemet's markup (forms/field.html).
FORM_RENDERER = "apps.core.forms.DesignsystemetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "allmenning" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.notifications.context_processors.notifications",
            ],
            # form_token: `{% csrf_token %}` also writes a double-submission token.
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "apps.core.templatetags.form_token",
            ],
        },
    },
    # Plain text (e-mails, notification titles and texts): nothing is HTML-escaped here, so
    # "Barn & unge" stays "Barn & unge". The pages that show this text escape it once, as all
    # HTML is. Used only through apps.core.text.render_plain.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "allmenning" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "autoescape": False,
            "builtins": ["django.templatetags.i18n"],
        },
    },
]

# Database: SQLite by default (embedded, WAL), PostgreSQL when DATABASE_URL is set.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            # A file, not memory, so that tests with several threads share one database.
            "TEST": {"NAME": str(BASE_DIR / ".test-db.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): e-mail only, verified, rate limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    "signup": os.environ.get("RATE_LIMIT_SIGNUP", "10/h/ip"),
    "login": os.environ.get("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105 - a rate limit, not a password
}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Norwegian Bokmål, Swedish and English from the first screen.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "nb")
FORMAT_MODULE_PATH = ["allmenning.formats"]
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static files: front-end libraries are copied from node_modules into static/vendor by make.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "allmenning" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", True)
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded files (images, documents) are served by Django only when SERVE_MEDIA is on (the demo);
# in production a web server or object storage serves MEDIA_ROOT.
SERVE_MEDIA = envbool("SERVE_MEDIA", True)
# Permit documents and deliverable files: never served directly, only by views that check
# permission (apps.core.storage). Empty: a `media-private` folder next to MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_UPLOAD_SIZE = envint("MAX_UPLOAD_SIZE", 10 * 1024 * 1024)

# Cache (rate limits, login lockouts): Redis when REDIS_URL is set, else files under CACHE_DIR,
# which every worker process on this machine shares (a per-process memory cache would multiply
# every limit by the number of workers). Production insists on Redis (settings/production.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        }
    }
# Cached parts of pages (apps.hubs.versions) live in their own cache, "pages": Redis when
# REDIS_URL is set, else each process's own memory. Keys carry the hub's content version from
# the database, so a memory cache per worker is still never stale; it is only warmed per worker.
# Rate limits, login lockouts and form tokens stay in the shared "default" above.
_PAGES_CACHE: dict[str, Any] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "pages"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "allmenning-pages",
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", 5000)},
    }
)
CACHES["pages"] = _PAGES_CACHE
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", True)
# Who sends a permission-checked file after the view allowed it (apps.core.documents.attachment):
# "django", "nginx" (X-Accel-Redirect to PROTECTED_MEDIA_PREFIX, an internal location aliased to
# PRIVATE_MEDIA_ROOT) or "apache" (X-Sendfile).
PROTECTED_MEDIA_SERVER = os.environ.get("PROTECTED_MEDIA_SERVER", "django")
PROTECTED_MEDIA_PREFIX = os.environ.get("PROTECTED_MEDIA_PREFIX", "/protected/")
# The API's limits (apps.core.api_guard): reads without an account per IP address, writes per
# account or token.
API_RATE_ANONYMOUS_READS = os.environ.get("API_RATE_ANONYMOUS_READS", "600/m")
API_RATE_WRITES = os.environ.get("API_RATE_WRITES", "120/m")

# Background work: Celery with Redis; in-process when no broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# The periodic work, for `celery -A allmenning beat` (one beat process per installation; cron
# with the management commands of the same names does the same). Each task is idempotent.
CELERY_BEAT_SCHEDULE = {
    "close-due-campaigns": {
        "task": "apps.funding.tasks.close_due_campaigns",
        "schedule": crontab(minute="*/15"),
    },
    "send-notification-digests": {
        "task": "apps.notifications.tasks.send_notification_digests",
        "schedule": crontab(hour="7", minute="0"),
    },
    "send-task-reminders": {
        "task": "apps.followup.tasks.send_task_reminders",
        "schedule": crontab(hour="8", minute="0"),
    },
    "send-process-reminders": {
        "task": "apps.processes.tasks.send_process_reminders",
        "schedule": crontab(hour="8", minute="15"),
    },
    "import-library-feeds": {
        "task": "apps.library.tasks.import_library_feeds",
        "schedule": crontab(hour="*/6", minute="30"),
    },
    "find-overlaps": {
        "task": "apps.consolidation.tasks.find_overlaps",
        "schedule": crontab(hour="2", minute="0"),
    },
    "purge-anonymous-metadata": {
        "task": "apps.privacy.tasks.purge_anonymous_metadata",
        "schedule": crontab(hour="3", minute="0"),
    },
}

# E-mail: console in development and the demo; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# For django.core.mail.backends.filebased.EmailBackend (one file per message, e.g. in a staging
# installation or the CI topology test).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Allmenning <noreply@allmenning.local>")

# Limits on what a request may carry: oversized input gets a 400, never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "apps.core.logging.OneLineClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_client_errors"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"

# Maps (places and knowledge pages): the background tile layer. Empty means no tiles, only the
# areas' own outlines (tests and CI never request anything outside 127.0.0.1).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)


def _origin(url: str) -> str:
    """The scheme and host of a URL template ("https://tile.openstreetmap.org/{z}/…"), with any
    {s} subdomain placeholder widened to a wildcard; empty for an empty or relative URL."""
    parts = urlsplit(url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content Security Policy (django-csp): scripts only from this site (static files) or with the
# request's nonce, never inline; no plugins, no framing, forms post only here. Data for scripts
# travels in `json_script` blocks (type application/json, which is never executed). Styles allow
# inline `style` attributes (data colours in legends and tables, and Leaflet's positioning).
# Images: this site, data: URIs (Leaflet's and Chart.js's) and the map's tile server.
MAP_TILE_ORIGIN = _origin(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Permissions-Policy (apps.core.middleware): the browser features no page here uses are off.
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()",
)

# Participation (ideas, comments, reports, support): every POST is limited per user or address.
PARTICIPATION_RATE = os.environ.get("PARTICIPATION_RATE", "30/m")

# Map input ("place your mark"): marks placed without signing in are limited per IP address, by
# every rate in the comma-separated list; signed-in people have a higher limit per account.
MAPINPUT_ANON_RATE = os.environ.get("MAPINPUT_ANON_RATE", "10/m,100/d")
MAPINPUT_USER_RATE = os.environ.get("MAPINPUT_USER_RATE", "30/m,1000/d")

# Surveys that allow answers without signing in: responses per IP address (django-ratelimit).
SURVEY_ANON_RATE = os.environ.get("SURVEY_ANON_RATE", "20/h")

# The knowledge library follows other installations' feeds (apps.library.fetch): limits per
# fetch, and whether private or loopback addresses may be fetched (tests only).
LIBRARY_FEED_TIMEOUT = envint("LIBRARY_FEED_TIMEOUT", 10)
LIBRARY_FEED_MAX_BYTES = envint("LIBRARY_FEED_MAX_BYTES", 2 * 1024 * 1024)
LIBRARY_FEED_ALLOW_PRIVATE = envbool("LIBRARY_FEED_ALLOW_PRIVATE", False)

# My data (apps.privacy): an archive of more rows than this is built in the background and
# kept for PRIVACY_ARCHIVE_DAYS; smaller ones download at once.
PRIVACY_ARCHIVE_INLINE_MAX_ROWS = envint("PRIVACY_ARCHIVE_INLINE_MAX_ROWS", 2000)
PRIVACY_ARCHIVE_DAYS = envint("PRIVACY_ARCHIVE_DAYS", 7)
