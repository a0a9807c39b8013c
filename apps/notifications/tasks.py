"""Background tasks for notifications (schedule `send_notification_digests` daily)."""

from celery import shared_task

from apps.notifications.services import notification_send_digests


@shared_task
def send_notification_digests() -> int:
    return notification_send_digests()
