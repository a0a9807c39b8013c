"""Background tasks for processes (schedule `send_process_reminders` daily with Celery beat or cron)."""

from celery import shared_task

from apps.processes.services import process_send_reminders


@shared_task
def send_process_reminders() -> int:
    return process_send_reminders()
