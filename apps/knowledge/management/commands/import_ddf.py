"""`manage.py import_ddf PATH --hub SLUG`: import a DDF-CSV package into a hub.

How the package becomes areas, indicators and observations:

- **Indicators** are the package's measures that have datapoints (measures without any are
  accepted and counted in the summary). Code = the concept id; names and descriptions come
  from `ddf--concepts.csv` and its translations under `lang/<language>/` (sv-SE → Swedish,
  nb-NO → Bokmål). Category: a small table of the known Södertörn measures, then the
  concept's tags (income/employment → economic; cars/green/transport → ecological;
  education/housing/population/migration → social), overridable with `--category
  CODE=economic|ecological|social`; anything else is social, with a warning in the summary.
  Source = the concept's `source` column, else the package's title; licence = the package's
  licence, else "Not stated by the source".
- **Places and breakdowns.** Every key of a datapoints file is time (`year`), a place or a
  breakdown. By default a key is a *place* when it has `--geometry` or belongs to the DDF
  `geo` domain (municipality, basomrade, county, country); any other entity key (gender) is a
  *breakdown*, stored as breakdown_key/breakdown_value. `--breakdown KEY` (repeatable) says
  it explicitly instead: then the listed keys are breakdowns and every other entity key is a
  place. A datapoints file needs exactly one place, one year and at most one breakdown.
- **Area levels** are the place sets used by datapoints or given geometry. A level is below
  another when its entities carry a column named after it (basomrade.municipality). Levels
  with geometry form the map hierarchy, top first from depth 0 (municipality 0, basomrade 1);
  levels without geometry (county, country) come after them, top-down. Parents are linked by
  that column; a parent id missing from the package leaves the area without a parent (warned).
- **Geometry**: `--geometry LEVEL=FILE:PROPERTY=COLUMN` (repeatable; FILE relative to the
  package, `FILE#object` to pick a TopoJSON object) joins features whose PROPERTY equals the
  entity's COLUMN, compared as text. Entities without a feature are imported without geometry.
- Re-importing updates in place; unchanged rows are not written. One transaction: any error
  (missing file, non-numeric value, unknown entity …) names the file and row and writes nothing.

Example (the demo):

    manage.py import_ddf data/sodertorn-ddf --hub sodertorn \\
        --geometry municipality=assets/sodertorn-kommun.json:ID_2=map_id \\
        --geometry basomrade=assets/sodertorn-basomr2010.json:BASKOD2010=baskod2010
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.hubs.models import Hub
from apps.knowledge.services import DataImportError, ddf_import


class Command(BaseCommand):
    help = "Import a DDF-CSV package (datapackage.json) into a hub: areas, indicators, observations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the package folder (holding datapackage.json)")
        parser.add_argument("--hub", required=True, help="the hub's slug")
        parser.add_argument(
            "--geometry",
            action="append",
            default=[],
            metavar="LEVEL=FILE:PROPERTY=COLUMN",
            help="TopoJSON geometry for a level, joined on PROPERTY = the entity's COLUMN",
        )
        parser.add_argument(
            "--breakdown",
            action="append",
            default=None,
            metavar="KEY",
            help="an entity key that is a breakdown, not a place (default: non-geo keys, e.g. gender)",
        )
        parser.add_argument(
            "--category",
            action="append",
            default=[],
            metavar="CODE=CATEGORY",
            help="set an indicator's category: economic, ecological or social",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="skip when the package is unchanged since the last import",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hub = Hub.objects.filter(slug=options["hub"]).first()
        if hub is None:
            raise CommandError(f"No hub with the slug {options['hub']!r}.")
        categories = {}
        for text in options["category"]:
            code, sep, category = text.partition("=")
            if not sep or not code.strip():
                raise CommandError(f"--category {text!r}: write it as CODE=CATEGORY")
            categories[code.strip()] = category.strip()
        verbose = options["verbosity"] >= 1
        try:
            summary = ddf_import(
                hub=hub,
                path=options["path"],
                geometry=options["geometry"],
                breakdown=options["breakdown"],
                categories=categories,
                skip_unchanged=options["if_changed"],
                progress=self.stdout.write if verbose else None,
            )
        except DataImportError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for line in summary.lines():
            self.stdout.write(self.style.SUCCESS(line) if line.startswith("Imported") else line)
