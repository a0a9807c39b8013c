"""Rate limits count in the cache, so the cache must be one that every worker shares: production
refuses to start without Redis, and without Redis the demo's workers share a file cache."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(code: str, settings: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": "cache-test",
        "ALLOWED_HOSTS": "allmenning.example",
        **env,
    }
    script = f"import django; django.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_django("", "allmenning.settings.production", REDIS_URL="")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set REDIS_URL" in result.stderr


def test_production_starts_with_redis():
    result = run_django(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        "allmenning.settings.production",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_without_redis_two_processes_count_in_the_same_cache(tmp_path):
    """What one worker process counts, another sees: the limit is not multiplied by workers."""
    env = {"REDIS_URL": "", "CACHE_DIR": str(tmp_path)}
    count = "from django.core.cache import cache; cache.get_or_set('hits', 0); print(cache.incr('hits'))"

    first = run_django(count, "allmenning.settings.base", **env)
    second = run_django(count, "allmenning.settings.base", **env)

    assert first.returncode == 0, first.stderr
    assert (first.stdout.strip(), second.stdout.strip()) == ("1", "2")


def test_cached_page_parts_live_in_memory_without_redis_and_in_redis_with_it():
    show = "from django.conf import settings; print(settings.CACHES['pages']['BACKEND'])"

    without = run_django(show, "allmenning.settings.base", REDIS_URL="")
    with_redis = run_django(show, "allmenning.settings.production", REDIS_URL="redis://127.0.0.1:6379/15")

    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache", without.stderr
    assert with_redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache", with_redis.stderr
