"""Background tasks for privacy (schedule `purge_anonymous_metadata` daily with Celery beat or cron)."""

from celery import shared_task

from apps.privacy import services


@shared_task
def build_data_archive(archive_id: int) -> int | None:
    archive = services.archive_build(archive_id=archive_id)
    return archive.pk if archive else None


@shared_task
def purge_anonymous_metadata() -> dict[str, int]:
    return services.purge_anonymous_metadata()
