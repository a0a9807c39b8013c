"""`manage.py rebuild_search_index [--hub slug]`: make the search documents afresh, in bulk."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.hubs.models import Hub
from apps.search import services


class Command(BaseCommand):
    help = "Rebuild the search index (of one hub, or of all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub", help="The hub's address (slug); all hubs when left out.")

    def handle(self, *args: Any, **options: Any) -> None:
        hub = None
        if options.get("hub"):
            hub = Hub.objects.filter(slug=options["hub"]).first()
            if hub is None:
                raise CommandError(f"No hub with the address {options['hub']!r}.")
        started = time.monotonic()
        count = services.rebuild(hub=hub)
        where = f"hub {hub.slug}" if hub is not None else "all hubs"
        self.stdout.write(f"Indexed {count} documents of {where} in {time.monotonic() - started:.1f} s.")
