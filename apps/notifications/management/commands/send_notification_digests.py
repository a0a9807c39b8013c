"""Send the daily digest e-mails. Run it once a day (cron or Celery beat); safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.notifications.services import notification_send_digests


class Command(BaseCommand):
    help = "E-mail one digest to each person who chose daily e-mail and has new notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        count = notification_send_digests()
        self.stdout.write(f"Sent {count} digests.")
