from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.consolidation import finder, services
from apps.hubs.models import Hub


class Command(BaseCommand):
    help = "Find overlapping initiatives and queue new pairs for the stewards (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("hub", nargs="*", help="hub slugs (default: every hub)")

    def handle(self, *args: Any, **options: Any) -> None:
        slugs = options["hub"]
        hubs = list(Hub.objects.filter(slug__in=slugs) if slugs else Hub.objects.all())
        if slugs and len(hubs) != len(set(slugs)):
            raise CommandError("Unknown hub.")
        for hub in hubs:
            stats = finder.Stats()
            created = services.find_overlaps(hub=hub, stats=stats)
            self.stdout.write(
                f"{hub.slug}: {stats.initiatives} initiatives, {stats.candidates} candidate pairs, "
                f"{stats.proposed} above the threshold, {len(created)} new in the queue"
            )
