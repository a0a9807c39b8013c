"""Import new and updated items from every library feed the hubs follow. Run it on a schedule
(cron); idempotent: an item already imported in its newest version changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.library.services import import_all_feeds


class Command(BaseCommand):
    help = "Fetch every followed library feed and import new and updated items."

    def handle(self, *args: Any, **options: Any) -> None:
        changed, failed = import_all_feeds()
        self.stdout.write(f"Imported or updated {changed} items; {failed} feeds failed.")
