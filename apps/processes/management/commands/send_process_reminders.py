"""Remind owners of overdue and soon-due phases (once per day per phase). Run it daily (cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.processes.services import process_send_reminders


class Command(BaseCommand):
    help = "Remind the owners of overdue and soon-due process phases (at most once a day per phase)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = process_send_reminders()
        self.stdout.write(f"Reminded about {count} phases.")
