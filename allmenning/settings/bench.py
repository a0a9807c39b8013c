"""Benchmark settings (`make bench`): production-like (DEBUG off), plus a ceiling view.

The database comes from base: SQLITE_PATH (bench/bench.sqlite3) or DATABASE_URL, which
bench/run.py sets. bench.urls adds /bench-minimal/ to the site's URLs; it never ships.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""

# Quiet: a failing page under load would otherwise print one traceback per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "ERROR")},
}
