"""Allmenning: open-source infrastructure for citizen-driven, place-based city development."""

from .celery import app as celery_app

__all__ = ["celery_app"]
