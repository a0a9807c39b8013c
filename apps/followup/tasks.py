"""Background tasks for follow-up (schedule `send_task_reminders` daily with Celery beat or cron)."""

from celery import shared_task

from apps.followup.services import task_send_reminders


@shared_task
def send_task_reminders() -> int:
    return task_send_reminders()
