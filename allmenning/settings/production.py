"""Production: everything from base, with HTTPS-only cookies and headers, and a real secret."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, envbool, envint

DEBUG = False
SERVE_MEDIA = envbool("SERVE_MEDIA", False)
SECRET_KEY = os.environ["SECRET_KEY"]
SESSION_COOKIE_SECURE = True
# Sessions are read from the shared cache and written through to the database: every worker on
# every machine sees a login at once, and a logout (which deletes the entry) everywhere at once.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Rate limits and login lockouts count in the cache: it must be one cache that every worker on
# every machine shares, and one that increments atomically. Refuse to start without it.
SHARED_CACHE_BACKENDS = {"django.core.cache.backends.redis.RedisCache"}
if CACHES["default"]["BACKEND"] not in SHARED_CACHE_BACKENDS:
    raise ImproperlyConfigured(
        "Production needs a cache shared by all workers for its rate limits and login lockouts: "
        "set REDIS_URL (for example redis://127.0.0.1:6379/0)."
    )

# No statement may run longer than this on PostgreSQL (milliseconds; 0 switches it off, e.g. for
# a long migration: DATABASE_STATEMENT_TIMEOUT_MS=0 manage.py migrate). A query it stops answers
# 503 with Retry-After (apps.core.timeouts), not a 500.
DATABASE_STATEMENT_TIMEOUT_MS = envint("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
if DATABASES["default"]["ENGINE"].endswith("postgresql") and DATABASE_STATEMENT_TIMEOUT_MS > 0:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}".strip()
    )
