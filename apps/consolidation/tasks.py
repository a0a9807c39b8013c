"""Background tasks for consolidation (schedule `find_overlaps` nightly with Celery beat or cron)."""

from celery import shared_task

from apps.hubs.models import Hub

from . import services


@shared_task
def find_overlaps(hub_slug: str | None = None) -> int:
    """Find new overlapping pairs in one hub (or every hub); answers how many were queued."""
    hubs = Hub.objects.filter(slug=hub_slug) if hub_slug else Hub.objects.all()
    return sum(len(services.find_overlaps(hub=hub)) for hub in hubs)
