"""End the funding campaigns whose deadline has passed. Run it daily (cron); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.funding.services import close_due_campaigns


class Command(BaseCommand):
    help = "End open funding campaigns whose deadline has passed (succeeded, failed or closed)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = close_due_campaigns()
        self.stdout.write(f"Ended {count} campaigns.")
