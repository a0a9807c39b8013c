"""Remove anonymous input metadata older than each hub's retention, and expired data archives.
Run it daily (cron, or Celery beat with apps.privacy.tasks.purge_anonymous_metadata); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.privacy.services import purge_anonymous_metadata


class Command(BaseCommand):
    help = "Remove anonymous input metadata past each hub's retention, and expired data archives."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = purge_anonymous_metadata()
        for name, count in sorted(removed.items()):
            self.stdout.write(f"{name}: {count} removed")
