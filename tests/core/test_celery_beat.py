"""The periodic schedule for `celery -A allmenning beat` names tasks that exist (docs/deploy.md)."""

import importlib

from django.conf import settings

from allmenning.celery import app


def test_every_periodic_task_is_a_registered_task():
    assert settings.CELERY_BEAT_SCHEDULE
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        module, _dot, _function = entry["task"].rpartition(".")
        importlib.import_module(module)
        assert entry["task"] in app.tasks, name


def test_the_schedule_runs_in_the_installations_time_zone():
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
