"""Remind assignees of tasks due within two days or overdue (once a day per task). Run daily."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.followup.services import task_send_reminders


class Command(BaseCommand):
    help = "Remind assignees of tasks that are due soon or overdue (at most once a day per task)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = task_send_reminders()
        self.stdout.write(f"Reminded about {count} tasks.")
