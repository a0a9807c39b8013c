"""Celery application. Without a broker (no REDIS_URL) tasks run in-process (eager)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allmenning.settings.base")

app = Celery("allmenning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
