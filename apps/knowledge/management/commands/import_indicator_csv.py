"""`manage.py import_indicator_csv FILE --hub SLUG --indicator CODE`: one indicator's values.

The CSV has the columns `area` (or `area_code`/`code`: the code of an area already in the
hub, e.g. a DDF entity id), `year` and `value`; one more column, if any, is a breakdown whose
header is the key (e.g. `gender` with values female/male). A new indicator takes --name (else
its code) and --category (else social, with a warning); for an existing one, the options given
update it. One transaction: an unknown area code or a non-numeric value names the row and
nothing is written.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.hubs.models import Hub
from apps.knowledge.models import Indicator
from apps.knowledge.services import DataImportError, indicator_csv_import


class Command(BaseCommand):
    help = "Import one indicator's values (area, year, value[, breakdown]) from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--hub", required=True, help="the hub's slug")
        parser.add_argument("--indicator", required=True, help="the indicator's code")
        parser.add_argument("--name", help="name in English")
        parser.add_argument("--name-sv", help="name in Swedish")
        parser.add_argument("--name-nb", help="name in Norwegian Bokmål")
        parser.add_argument("--description", help="description in English")
        parser.add_argument("--unit")
        parser.add_argument("--category", choices=[c.value for c in Indicator.Category])
        parser.add_argument("--source")
        parser.add_argument("--licence")

    def handle(self, *args: Any, **options: Any) -> None:
        hub = Hub.objects.filter(slug=options["hub"]).first()
        if hub is None:
            raise CommandError(f"No hub with the slug {options['hub']!r}.")
        try:
            summary = indicator_csv_import(
                hub=hub,
                path=options["file"],
                code=options["indicator"],
                name=options["name"],
                name_sv=options["name_sv"],
                name_nb=options["name_nb"],
                description=options["description"],
                unit=options["unit"],
                category=options["category"],
                source=options["source"],
                licence=options["licence"],
                progress=self.stdout.write if options["verbosity"] >= 1 else None,
            )
        except DataImportError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for line in summary.lines():
            self.stdout.write(line)
