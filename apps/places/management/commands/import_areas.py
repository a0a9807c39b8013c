"""Import one level of a hub's areas from a GeoJSON FeatureCollection or a TopoJSON topology.

    manage.py import_areas data/sodertorn-ddf/assets/sodertorn-kommun.json --hub sodertorn \\
        --level municipality --level-name Municipality --code-property ID_2 --name-property NAME_2
    manage.py import_areas data/sodertorn-ddf/assets/sodertorn-basomr2010.json --hub sodertorn \\
        --level small-area --code-property BASKOD2010 --name-property BASN2010 \\
        --parent-template "i01{KOMKOD:02d}"

Areas are matched by code, so importing the same file again changes nothing. The whole import
is one transaction: on any bad feature nothing is saved and the command fails, naming the file
and the feature.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from apps.hubs.models import Hub
from apps.places import services, topojson
from apps.places.geometry import GeometryError


def _property(feature: dict[str, Any], name: str | None, template: str | None) -> Any:
    properties = feature.get("properties") or {}
    if template:
        try:
            return template.format(**properties)
        except (KeyError, IndexError, ValueError) as exc:
            raise GeometryError(f"the template {template!r} does not fit its properties ({exc})") from exc
    if name:
        return properties.get(name)
    return None


class Command(BaseCommand):
    help = "Import areas of one level from a GeoJSON or TopoJSON file (one transaction; re-runnable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .geojson/.json FeatureCollection or a TopoJSON topology.")
        parser.add_argument("--hub", required=True, help="The hub's slug.")
        parser.add_argument("--level", required=True, help="The level's slug, e.g. municipality.")
        parser.add_argument("--level-name", default="", help="The level's name, e.g. Municipality.")
        parser.add_argument("--level-name-plural", default="", help="e.g. Municipalities.")
        parser.add_argument(
            "--depth", type=int, default=None, help="0 for the top level (default: below the others)."
        )
        parser.add_argument(
            "--code-property",
            default=None,
            help="Property holding the code (default: the feature id, else 'code').",
        )
        parser.add_argument(
            "--code-template", default=None, help='Build the code from properties, e.g. "i01{KOMKOD:02d}".'
        )
        parser.add_argument(
            "--name-property", default="name", help="Property holding the name (default: name)."
        )
        parser.add_argument(
            "--parent-property", default=None, help="Property holding the parent area's code."
        )
        parser.add_argument(
            "--parent-template", default=None, help="Build the parent's code from properties."
        )
        parser.add_argument("--object", default=None, help="The TopoJSON object to read (if it has several).")
        parser.add_argument("--no-neighbours", action="store_true", help="Do not recompute neighbours.")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, then roll back.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        hub = Hub.objects.filter(slug=options["hub"]).first()
        if hub is None:
            raise CommandError(f"No hub with the address {options['hub']!r}.")
        features = self._read(path, options["object"])
        self.stdout.write(f"{path.name}: {len(features)} features")
        rows = self._rows(path, features, options)
        try:
            with transaction.atomic():
                level = services.area_level_ensure(
                    hub=hub,
                    slug=options["level"],
                    name=options["level_name"],
                    name_plural=options["level_name_plural"],
                    depth=options["depth"],
                )
                result = services.areas_upsert(hub=hub, level=level, rows=rows, progress=self.stdout.write)
                for repaired in result.repaired:
                    self.stdout.write(self.style.WARNING(f"{path.name}: repaired {repaired}"))
                if not options["no_neighbours"]:
                    pairs = services.neighbours_compute(hub=hub, level=level)
                    self.stdout.write(f"Neighbours: {pairs} pairs")
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except GeometryError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was imported.") from exc
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {path.name} into {hub.slug} as {level.slug}: {result}.")
        )

    def _read(self, path: Path, object_name: str | None) -> list[dict[str, Any]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text ({exc.reason}).") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
            ) from exc
        kind = data.get("type") if isinstance(data, dict) else None
        try:
            if kind == "Topology":
                return topojson.decode(data, object_name)
        except GeometryError as exc:
            raise CommandError(f"{path}: bad TopoJSON: {exc}.") from exc
        if kind == "FeatureCollection":
            features = data.get("features")
            if not isinstance(features, list):
                raise CommandError(f'{path}: the FeatureCollection has no "features" list.')
            return features
        if kind == "Feature":
            return [data]
        raise CommandError(
            f'{path}: neither a GeoJSON FeatureCollection nor a TopoJSON Topology (its "type" is {kind!r}).'
        )

    def _rows(self, path: Path, features: list[Any], options: dict[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for index, feature in enumerate(features):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise CommandError(f"{path}: feature {index} is not a GeoJSON Feature. Nothing was imported.")
            try:
                if options["code_property"] or options["code_template"]:
                    code = _property(feature, options["code_property"], options["code_template"])
                else:
                    code = feature.get("id", (feature.get("properties") or {}).get("code"))
                parent_code = _property(feature, options["parent_property"], options["parent_template"])
            except GeometryError as exc:
                raise CommandError(f"{path}: feature {index}: {exc}. Nothing was imported.") from exc
            where = f"feature {index}" + (f", code {code!r}" if code not in (None, "") else "")
            if code in (None, ""):
                how = options["code_property"] or options["code_template"] or "the feature id or 'code'"
                raise CommandError(f"{path}: {where} has no code (looked in {how}). Nothing was imported.")
            if feature.get("geometry") is None:
                raise CommandError(f"{path}: {where} has no geometry. Nothing was imported.")
            properties = feature.get("properties") or {}
            rows.append(
                {
                    "code": code,
                    "name": properties.get(options["name_property"]) or "",
                    "geometry": feature["geometry"],
                    "parent_code": parent_code,
                    "attributes": properties,
                }
            )
        return rows
