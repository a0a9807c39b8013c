"""Background tasks for the library (schedule `import_library_feeds` with Celery beat or cron)."""

from celery import shared_task

from apps.library import services


@shared_task
def import_library_feeds() -> int:
    changed, _failed = services.import_all_feeds()
    return changed
