"""Background tasks for funding (schedule `close_due_campaigns` daily with Celery beat or cron)."""

from celery import shared_task

from apps.funding import services


@shared_task
def close_due_campaigns() -> int:
    return services.close_due_campaigns()
