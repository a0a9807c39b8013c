"""Benchmark settings (`make bench`): production-like (DEBUG off), plus a ceiling view.

The database comes from base: SQLITE_PATH (bench/bench.sqlite3) or DATABASE_URL, which
bench/run.py sets. bench.urls adds /bench-minimal/ to the site's URLs; it never ships.
"""

import os

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""

# A statement running longer than this (seconds; 0 = no limit) is interrupted, and its
# request answered with a 500, so that one pathological page cannot stall the whole run.
BENCH_QUERY_TIMEOUT = float(os.environ.get("BENCH_QUERY_TIMEOUT", "10"))
MIDDLEWARE = ["bench.middleware.QueryBudgetMiddleware", *MIDDLEWARE]
if BENCH_QUERY_TIMEOUT and "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={int(BENCH_QUERY_TIMEOUT * 1000)}"
    )

# Quiet: a failing page under load would otherwise print one traceback per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "ERROR")},
}
