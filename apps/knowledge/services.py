"""Every write to indicators and observations goes through here: the DDF and CSV importers.

Each import reads and checks all of its input first, then writes inside one transaction: a
bad file, row or value raises `DataImportError` (naming the file and row) and nothing is
written. Observations are written with `bulk_create(update_conflicts=True)` in batches, and
counted honestly as created, updated or unchanged against the values already stored.

Areas and their geometry are written through `apps.places.services`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from apps.hubs.models import Hub
from apps.hubs.versions import hub_changed
from apps.knowledge.ddf import DdfError, DdfPackage, Entity, parse_number, parse_year, read_csv
from apps.knowledge.models import NO_LICENCE, ImportRun, Indicator, Observation
from apps.places.models import Area

BATCH_SIZE = 5000
CATEGORIES = {c.value for c in Indicator.Category}

# The known Södertörn measures (data/sodertorn-ddf): category and unit.
KNOWN_MEASURES: dict[str, tuple[str, str]] = {
    "median_income_aged_gt_20": ("economic", "SEK"),
    "mean_income_aged_gt_20": ("economic", "SEK"),
    "low_income_aged_gt_20": ("economic", "people"),
    "employment_rate_20_64": ("economic", "share"),
    "access_green_c_lt_300": ("ecological", "%"),
    "access_sl_lt_300": ("ecological", "%"),
    "cars_per_household": ("ecological", "cars per household"),
    "population_total": ("social", "people"),
    "post_secondary_education_min_3_years_aged_25_64": ("social", "share"),
    "andel_aegender": ("social", "share"),
    "andel_bostadsr": ("social", "share"),
    "andel_hyres": ("social", "share"),
    "antal_hushall_med_barn": ("social", "households"),
}
# Which way is good for the known measures (True: higher is better; False: lower is better;
# missing: neither, e.g. population). Ranks, colours and the brief's wording follow it.
KNOWN_DIRECTIONS: dict[str, bool] = {
    "median_income_aged_gt_20": True,
    "mean_income_aged_gt_20": True,
    "low_income_aged_gt_20": False,
    "employment_rate_20_64": True,
    "access_green_c_lt_300": True,
    "access_sl_lt_300": True,
    "cars_per_household": False,
    "post_secondary_education_min_3_years_aged_25_64": True,
}
# Bumped when what an import derives from a package changes (e.g. KNOWN_DIRECTIONS), so that
# the demo's skip-if-unchanged import runs again.
DERIVATION_VERSION = "2"
# A DDF concept's tags, for measures not in the table above.
TAG_CATEGORIES: dict[str, str] = {
    "income": "economic",
    "income_by_gender": "economic",
    "population_by_4income_groups": "economic",
    "employment": "economic",
    "cars": "ecological",
    "green": "ecological",
    "transport": "ecological",
    "environment": "ecological",
    "education": "social",
    "education_by_levels": "social",
    "housing": "social",
    "population": "social",
    "migration": "social",
}
FORMAT_UNITS = {"share": "share", "percent": "%"}


class DataImportError(ValueError):
    """An import cannot go ahead; the message names the file and row. Nothing was written."""


# Results --------------------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return (
            f"{self.total:,} ({self.created:,} created, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged)"
        )


@dataclass
class ImportSummary:
    source: str
    checksum: str = ""
    skipped: bool = False  # nothing read: the same checksum was imported before
    rows_read: int = 0
    empty_values: int = 0
    areas: dict[str, Counts] = field(default_factory=dict)  # level → counts
    areas_without_geometry: dict[str, int] = field(default_factory=dict)
    indicators: Counts = field(default_factory=Counts)
    observations: Counts = field(default_factory=Counts)
    observations_by_indicator: dict[str, int] = field(default_factory=dict)
    breakdowns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        if self.skipped:
            return [
                f"{self.source}: unchanged since the last import (checksum {self.checksum[:12]}), skipped."
            ]
        lines = [f"Imported {self.source} in {self.seconds:.1f} s: {self.rows_read:,} data rows read."]
        for level, counts in self.areas.items():
            missing = self.areas_without_geometry.get(level, 0)
            extra = f", {missing:,} without geometry" if missing else ""
            lines.append(f"  Areas ({level}): {counts}{extra}")
        lines.append(f"  Indicators: {self.indicators}")
        lines.append(f"  Observations: {self.observations}")
        if self.breakdowns:
            lines.append(f"  Breakdowns: {', '.join(self.breakdowns)}")
        if self.empty_values:
            lines.append(f"  Empty values skipped: {self.empty_values:,}")
        lines.extend(f"  Warning: {warning}" for warning in self.warnings)
        return lines

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["areas"] = {level: asdict(c) for level, c in self.areas.items()}
        return data


Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


# Shared writers -------------------------------------------------------------------------

ObservationKey = tuple[int, int, str, str]  # area id, year, breakdown key, breakdown value


def observations_upsert(*, indicator: Indicator, values: dict[ObservationKey, float]) -> Counts:
    """Write `values` for one indicator: new ones created, changed ones updated, the rest left
    alone. Existing values are loaded in one query; writes go in batches of BATCH_SIZE."""
    existing = {
        (area_id, year, key, value_key): value
        for area_id, year, key, value_key, value in Observation.objects.filter(
            indicator=indicator
        ).values_list("area_id", "year", "breakdown_key", "breakdown_value", "value")
    }
    counts = Counts()
    pending: list[Observation] = []
    for (area_id, year, key, value_key), value in values.items():
        old = existing.get((area_id, year, key, value_key))
        if old is None:
            counts.created += 1
        elif old == value:
            counts.unchanged += 1
            continue
        else:
            counts.updated += 1
        pending.append(
            Observation(
                indicator=indicator,
                area_id=area_id,
                year=year,
                breakdown_key=key,
                breakdown_value=value_key,
                value=value,
            )
        )
    for start in range(0, len(pending), BATCH_SIZE):
        Observation.objects.bulk_create(
            pending[start : start + BATCH_SIZE],
            update_conflicts=True,
            unique_fields=["indicator", "area", "year", "breakdown_key", "breakdown_value"],
            update_fields=["value"],
        )
    if pending:
        hub_changed([indicator.hub_id])  # bulk writes send no signals (apps.hubs.versions)
    return counts


INDICATOR_FIELDS = (
    "name_en",
    "name_nb",
    "name_sv",
    "description_en",
    "description_nb",
    "description_sv",
    "category",
    "unit",
    "source",
    "licence",
    "higher_is_better",
)


def indicators_upsert(*, hub: Hub, rows: list[dict[str, Any]]) -> tuple[dict[str, Indicator], Counts]:
    """Create or update indicators by code (`rows` hold `code` and any INDICATOR_FIELDS)."""
    existing = {i.code: i for i in Indicator.objects.filter(hub=hub, code__in=[r["code"] for r in rows])}
    counts = Counts()
    to_create: list[Indicator] = []
    to_update: list[Indicator] = []
    for row in rows:
        indicator = existing.get(row["code"])
        if indicator is None:
            indicator = Indicator(hub=hub, **row)
            to_create.append(indicator)
            existing[row["code"]] = indicator
            counts.created += 1
            continue
        changed = False
        for name in INDICATOR_FIELDS:
            if name in row and getattr(indicator, name) != row[name]:
                setattr(indicator, name, row[name])
                changed = True
        if changed:
            to_update.append(indicator)
            counts.updated += 1
        else:
            counts.unchanged += 1
    for indicator in to_create:
        indicator.full_clean(exclude=["hub"], validate_unique=False, validate_constraints=False)
    Indicator.objects.bulk_create(to_create)
    if to_create and any(i.pk is None for i in to_create):  # backends that return no ids
        ids = dict(Indicator.objects.filter(hub=hub).values_list("code", "pk"))
        for indicator in to_create:
            indicator.pk = ids[indicator.code]
    if to_update:
        Indicator.objects.bulk_update(to_update, list(INDICATOR_FIELDS))
    if to_create or to_update:
        hub_changed([hub.pk])  # bulk writes send no signals (apps.hubs.versions)
    return existing, counts


def _result_counts(result: Any) -> Counts:
    """The places service's result (an object or a dict with created/updated/unchanged)."""

    def get(name: str) -> int:
        value = result.get(name, 0) if isinstance(result, dict) else getattr(result, name, 0)
        return len(value) if isinstance(value, (list, set, tuple, dict)) else int(value or 0)

    return Counts(created=get("created"), updated=get("updated"), unchanged=get("unchanged"))


def _record_run(*, hub: Hub, kind: str, source: str, summary: ImportSummary) -> None:
    ImportRun.objects.create(
        hub=hub, kind=kind, source=source[:300], checksum=summary.checksum, summary=summary.as_json()
    )


def last_checksum(*, hub: Hub, kind: str, source: str) -> str:
    run = (
        ImportRun.objects.filter(hub=hub, kind=kind, source=source[:300])
        .order_by("-finished_at", "-pk")
        .first()
    )
    return run.checksum if run else ""


# DDF ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeometrySpec:
    """`--geometry LEVEL=FILE:PROPERTY=COLUMN`: the features of a TopoJSON file whose
    PROPERTY equals the entity's COLUMN (or its id, when COLUMN is the level itself)."""

    level: str
    path: str
    feature_property: str
    entity_column: str
    object_name: str | None = None

    @classmethod
    def parse(cls, text: str) -> GeometrySpec:
        try:
            level, rest = text.split("=", 1)
            path, join = rest.rsplit(":", 1)
            feature_property, entity_column = join.split("=", 1)
        except ValueError:
            raise DataImportError(
                f"--geometry {text!r}: write it as LEVEL=FILE:PROPERTY=COLUMN, "
                "e.g. municipality=assets/sodertorn-kommun.json:ID_2=map_id"
            ) from None
        object_name = None
        if "#" in path:
            path, object_name = path.split("#", 1)
        if not all((level.strip(), path.strip(), feature_property.strip(), entity_column.strip())):
            raise DataImportError(f"--geometry {text!r}: LEVEL, FILE, PROPERTY and COLUMN are all needed")
        return cls(level.strip(), path.strip(), feature_property.strip(), entity_column.strip(), object_name)


@dataclass
class _Plan:
    """What a DDF package becomes: levels (top first), areas, indicators and values."""

    levels: list[str]
    write_order: list[str]
    level_names: dict[str, tuple[str, str]]
    areas: dict[str, list[dict[str, Any]]]
    indicator_rows: list[dict[str, Any]]
    values: dict[str, dict[tuple[str, int, str, str], float]]  # code → (area code, year, bk, bv) → value
    # A level's name in the package's translations (lang/sv-SE/…): slug → {"sv": (name, "")}.
    level_translations: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)


def _classify_keys(
    package: DdfPackage, geometry_levels: set[str], breakdown: list[str] | None
) -> tuple[set[str], set[str]]:
    """(place sets, breakdown keys) among the datapoints' keys; see the import_ddf command."""
    places: set[str] = set(geometry_levels)
    breakdowns: set[str] = set()
    for resource in package.datapoint_resources():
        for key in resource.key:
            if package.concept_type(key) == "time" or key == "year":
                continue
            if not package.is_entity(key):
                raise DataImportError(
                    f"{resource.relpath}: key {key!r} is neither an entity set nor time in the concepts"
                )
            if breakdown is not None:
                is_place = key not in breakdown
            else:
                is_place = key in geometry_levels or package.domain_of(key) == "geo"
            (places if is_place else breakdowns).add(key)
    for key in breakdown or []:
        if key in geometry_levels:
            raise DataImportError(f"--breakdown {key}: it has geometry, so it is a level of areas")
    return places, breakdowns


def _order_levels(
    places: set[str], entities: dict[str, dict[str, Entity]], geometry_levels: set[str]
) -> tuple[list[str], list[str]]:
    """(levels in depth order, levels in the order to write them: parents first).

    A level is below another when its entities carry a column
    named after it (basomrade.municipality). Levels with geometry come first (the top one gets
    depth 0); levels without geometry (county, country) follow, top-down."""
    parent_of: dict[str, str | None] = {}
    for level in places:
        columns: set[str] = set()
        for entity in entities.get(level, {}).values():
            columns.update(entity.attributes)
        parents = sorted(p for p in places if p != level and p in columns)
        parent_of[level] = parents[0] if parents else None

    def height(level: str, seen: frozenset[str] = frozenset()) -> int:
        parent = parent_of.get(level)
        if parent is None or parent in seen:
            return 0
        return 1 + height(parent, seen | {level})

    mapped = sorted((p for p in places if p in geometry_levels), key=lambda p: (height(p), p))
    context = sorted((p for p in places if p not in geometry_levels), key=lambda p: (height(p), p))
    return mapped + context, sorted(places, key=lambda p: (height(p), p))


def _load_geometry(
    package: DdfPackage, spec: GeometrySpec, entities: dict[str, Entity]
) -> tuple[dict[str, Any], int]:
    """Entity id → GeoJSON geometry for one level, and how many features matched no entity."""
    from apps.places.geometry import GeometryError
    from apps.places.topojson import decode

    path = (package.root / spec.path).resolve() if not Path(spec.path).is_absolute() else Path(spec.path)
    if not path.is_file():
        raise DataImportError(f"{spec.path}: geometry file not found (--geometry {spec.level})")
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        features = decode(topology, spec.object_name)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataImportError(f"{spec.path}: not valid TopoJSON ({exc})") from None
    except GeometryError as exc:
        raise DataImportError(f"{spec.path}: {exc}") from None
    by_key: dict[str, str] = {}
    for code, entity in entities.items():
        key = code if spec.entity_column == spec.level else entity.attributes.get(spec.entity_column, "")
        if key:
            by_key[_join_key(key)] = code
    if entities and not by_key:
        raise DataImportError(
            f"--geometry {spec.level}: the {spec.level} entities have no column {spec.entity_column!r}"
        )
    result: dict[str, Any] = {}
    unmatched = 0
    for feature in features:
        raw = (feature.get("properties") or {}).get(spec.feature_property)
        code = by_key.get(_join_key(raw)) if raw is not None else None  # type: ignore[assignment]
        if code is None or feature.get("geometry") is None:
            unmatched += 1
            continue
        result[code] = feature["geometry"]
    return result, unmatched


AREA_CODE_MAX = Area._meta.get_field("code").max_length or 80


def area_code(entity_id: str) -> str:
    """The area code for a DDF entity id: the id itself, or, when it is longer than an area
    code may be, its start and a short hash of the whole (stable across imports)."""
    if len(entity_id) <= AREA_CODE_MAX:
        return entity_id
    digest = hashlib.sha1(entity_id.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{entity_id[: AREA_CODE_MAX - 9]}~{digest}"


def _join_key(value: Any) -> str:
    """Join keys compare as text; 4111110 (a number in the TopoJSON) matches "4111110"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().lower()


def _language_field(language: str) -> str | None:
    base = language.split("-")[0].split("_")[0].lower()
    return {"en": "en", "sv": "sv", "nb": "nb", "no": "nb"}.get(base)


def _indicator_row(
    package: DdfPackage, code: str, categories: dict[str, str], warnings: list[str]
) -> dict[str, Any]:
    concept = package.concepts.get(code, {})
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    main = _language_field(package.language) or "en"
    if concept.get("name"):
        names[main] = concept["name"]
    if concept.get("description"):
        descriptions[main] = concept["description"]
    for language in package.translations:
        target = _language_field(language)
        if target and target not in names and package.concept_names.get(language, {}).get(code):
            names[target] = package.concept_names[language][code]
        if target and target not in descriptions and package.concept_descriptions.get(language, {}).get(code):
            descriptions[target] = package.concept_descriptions[language][code]
    known_category, known_unit = KNOWN_MEASURES.get(code, ("", ""))
    category = categories.get(code) or known_category
    if not category:
        tags = [t.strip() for t in concept.get("tags", "").split(",") if t.strip()]
        category = next((TAG_CATEGORIES[t] for t in tags if t in TAG_CATEGORIES), "")
    if not category:
        category = "social"
        warnings.append(f"{code}: no category known (tags {concept.get('tags') or 'none'}); filed as social")
    unit = known_unit or FORMAT_UNITS.get(concept.get("format", ""), concept.get("format", ""))
    return {
        "code": code,
        "name_en": (names.get("en") or names.get("sv") or names.get("nb") or code)[:200],
        "name_sv": names.get("sv", "")[:200],
        "name_nb": names.get("nb", "")[:200],
        "description_en": descriptions.get("en", ""),
        "description_sv": descriptions.get("sv", ""),
        "description_nb": descriptions.get("nb", ""),
        "category": category,
        "unit": unit[:40],
        "higher_is_better": KNOWN_DIRECTIONS.get(code),
        "source": (concept.get("source") or package.title)[:300],
        "licence": (package.licence or NO_LICENCE)[:200],
    }


def _plan_ddf(
    package: DdfPackage,
    *,
    geometry: list[GeometrySpec],
    breakdown: list[str] | None,
    categories: dict[str, str],
    summary: ImportSummary,
    progress: Progress,
) -> _Plan:
    geometry_levels = {spec.level for spec in geometry}
    for code, category in categories.items():
        if category not in CATEGORIES:
            raise DataImportError(f"--category {code}={category}: use one of {', '.join(sorted(CATEGORIES))}")
    entities = package.read_entities()
    for spec in geometry:
        if spec.level not in entities:
            raise DataImportError(f"--geometry {spec.level}: the package has no {spec.level} entities")
    places, breakdowns = _classify_keys(package, geometry_levels, breakdown)
    summary.breakdowns = sorted(breakdowns)
    # A place set with no entities file: its entities are the ids its datapoints use.
    levels, write_order = _order_levels(places, entities, geometry_levels)
    progress(
        f"Levels (top first): {', '.join(levels) or 'none'}; "
        f"breakdowns: {', '.join(sorted(breakdowns)) or 'none'}"
    )

    # Datapoints first: which entities they use, and every value, checked.
    measures = set(package.measures())
    values: dict[str, dict[tuple[str, int, str, str], float]] = defaultdict(dict)
    used: dict[str, set[str]] = defaultdict(set)
    for resource in package.datapoint_resources():
        place_keys = [k for k in resource.key if k in places]
        breakdown_keys = [k for k in resource.key if k in breakdowns]
        time_keys = [k for k in resource.key if k not in places and k not in breakdowns]
        if len(place_keys) != 1 or len(time_keys) != 1 or len(breakdown_keys) > 1:
            raise DataImportError(
                f"{resource.relpath}: key {'+'.join(resource.key)} is not supported: it needs one place, "
                "one year and at most one breakdown"
            )
        place, when = place_keys[0], time_keys[0]
        bkey = breakdown_keys[0] if breakdown_keys else ""
        known = entities.get(place)
        known_breakdown = entities.get(bkey) if bkey else None
        columns = [m for m in package.resource_measures(resource) if m in measures]
        if not columns:
            summary.warnings.append(f"{resource.relpath}: no measure columns; skipped")
            continue
        count = 0
        for number, point in package.datapoint_rows(resource):
            where = f"{resource.relpath}, row {number}"
            code = (point.get(place) or "").strip()
            if not code:
                raise DataImportError(f"{where}: no {place}")
            if known is not None and code not in known:
                raise DataImportError(f"{where}: {place} {code!r} is not in the {place} entities")
            bvalue = (point.get(bkey) or "").strip() if bkey else ""
            if bkey and not bvalue:
                raise DataImportError(f"{where}: no {bkey}")
            if known_breakdown is not None and bvalue not in known_breakdown:
                raise DataImportError(f"{where}: {bkey} {bvalue!r} is not in the {bkey} entities")
            year = parse_year(point.get(when) or "", where=where)
            for measure in columns:
                raw = (point.get(measure) or "").strip()
                if not raw:
                    summary.empty_values += 1
                    continue
                values[measure][(code, year, bkey, bvalue)] = parse_number(raw, where=f"{where}, {measure}")
            used[place].add(code)
            count += 1
        summary.rows_read += count
        progress(f"  read {resource.relpath}: {count:,} rows")

    # Areas: every entity of every place level, with geometry where it joins.
    areas: dict[str, list[dict[str, Any]]] = {}
    all_codes: dict[str, str] = {}
    for level in levels:
        level_entities = dict(entities.get(level, {}))
        for code in used.get(level, set()) - set(level_entities):
            level_entities[code] = Entity(code=code, name=code, sets=[level], attributes={})
        shapes: dict[str, Any] = {}
        for spec in (s for s in geometry if s.level == level):
            shapes, unmatched = _load_geometry(package, spec, level_entities)
            if unmatched:
                summary.warnings.append(f"{spec.path}: {unmatched:,} features matched no {level} entity")
            progress(f"  geometry {spec.path}: {len(shapes):,} of {len(level_entities):,} {level} joined")
        parent_levels = [p for p in levels if p != level]
        rows = []
        missing_parents: dict[str, set[str]] = defaultdict(set)
        for code, entity in sorted(level_entities.items()):
            if code in all_codes:
                raise DataImportError(f"entity id {code!r} is both a {all_codes[code]} and a {level}")
            all_codes[code] = level
            row: dict[str, Any] = {
                "code": area_code(code),
                "name": (entity.name or code)[:200],
                "attributes": {
                    k: v
                    for k, v in entity.attributes.items()
                    if v and k not in parent_levels and not k.startswith("shape")
                },
            }
            if row["code"] != code:
                row["attributes"]["ddf_id"] = code
                summary.warnings.append(
                    f"{level} {code!r} is too long for an area code; stored as {row['code']!r}"
                )
            if entity.names:
                row["attributes"]["names"] = dict(sorted(entity.names.items()))
            for parent_level in parent_levels:
                parent_code = entity.attributes.get(parent_level, "")
                if not parent_code:
                    continue
                if parent_code in entities.get(parent_level, {}) or parent_code in used.get(
                    parent_level, set()
                ):
                    row["parent_code"] = area_code(parent_code)
                    row["attributes"][parent_level] = parent_code
                    break
                missing_parents[parent_level].add(parent_code)
            if code in shapes:
                row["geometry"] = shapes[code]
            rows.append(row)
        for parent_level, codes in missing_parents.items():
            summary.warnings.append(
                f"{level}: {parent_level} {', '.join(sorted(codes)[:3])} named as parent but not in the "
                f"{parent_level} entities; those areas have no parent"
            )
        if geometry and level in geometry_levels:
            summary.areas_without_geometry[level] = sum(1 for r in rows if "geometry" not in r)
        areas[level] = rows

    level_names = {}
    for level in levels:
        name = package.concepts.get(level, {}).get("name") or level.replace("_", " ").capitalize()
        plural = f"{name[:-1]}ies" if name.endswith("y") and name[-2:-1] not in "aeiou" else f"{name}s"
        level_names[level] = (name[:80], plural[:80])
    level_translations: dict[str, dict[str, tuple[str, str]]] = {}
    for language, names in package.concept_names.items():
        for level in levels:
            if names.get(level):
                level_translations.setdefault(level, {})[language[:2].lower()] = (names[level][:80], "")

    with_data = sorted(values)
    without = sorted(measures - set(with_data))
    if without:
        summary.warnings.append(f"{len(without):,} measures have no datapoints and were not made indicators")
    indicator_rows = [_indicator_row(package, code, categories, summary.warnings) for code in with_data]
    return _Plan(
        levels=levels,
        write_order=write_order,
        level_names=level_names,
        level_translations=level_translations,
        areas=areas,
        indicator_rows=indicator_rows,
        values=values,
    )


def ddf_import(
    *,
    hub: Hub,
    path: str | Path,
    geometry: Iterable[GeometrySpec | str] = (),
    breakdown: list[str] | None = None,
    categories: dict[str, str] | None = None,
    skip_unchanged: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import a DDF-CSV package into `hub`: area levels and areas (with geometry), indicators
    and observations. Re-importing updates in place. See the import_ddf command for the rules.

    With `skip_unchanged`, a package whose checksum (files and options) equals the last
    import's is not read again. Raises DataImportError; nothing is written then."""
    started = time.monotonic()
    say = progress or _quiet
    specs = [g if isinstance(g, GeometrySpec) else GeometrySpec.parse(g) for g in geometry]
    categories = dict(categories or {})
    try:
        package = DdfPackage(path)
        extra_files = [
            (package.root / s.path) if not Path(s.path).is_absolute() else Path(s.path)
            for s in specs
            if ((package.root / s.path) if not Path(s.path).is_absolute() else Path(s.path)).is_file()
        ]
        options = json.dumps([[asdict(s) for s in specs], breakdown, sorted(categories.items())])
        summary = ImportSummary(
            source=package.name, checksum=package.checksum(extra_files, options + DERIVATION_VERSION)
        )
        if (
            skip_unchanged
            and last_checksum(hub=hub, kind=ImportRun.Kind.DDF, source=package.name) == summary.checksum
        ):
            summary.skipped = True
            return summary
        say(f"Reading {package.name} ({len(package.resources)} resources) …")
        plan = _plan_ddf(
            package, geometry=specs, breakdown=breakdown, categories=categories, summary=summary, progress=say
        )
    except DdfError as exc:
        raise DataImportError(str(exc)) from None
    _write_plan(hub=hub, plan=plan, summary=summary, geometry=bool(specs), progress=say)
    summary.seconds = time.monotonic() - started
    return summary


@transaction.atomic
def _write_plan(*, hub: Hub, plan: _Plan, summary: ImportSummary, geometry: bool, progress: Progress) -> None:
    from apps.places import services as places
    from apps.places.geometry import GeometryError

    levels = places.area_levels_ensure(
        hub=hub,
        levels=[(slug, *plan.level_names[slug]) for slug in plan.levels],
        translations=plan.level_translations,
    )
    for slug in plan.write_order:
        try:
            result = places.areas_upsert(hub=hub, level=levels[slug], rows=plan.areas[slug])
        except GeometryError as exc:
            raise DataImportError(f"{slug} geometry: {exc}") from None
        summary.areas[slug] = _result_counts(result)
        progress(f"  areas {slug}: {summary.areas[slug]}")
        if geometry and any("geometry" in row for row in plan.areas[slug]):
            changed = summary.areas[slug].created + summary.areas[slug].updated
            if changed:
                places.neighbours_compute(hub=hub, level=levels[slug])
    area_ids = dict(Area.objects.filter(hub=hub).values_list("code", "pk"))
    indicators, summary.indicators = indicators_upsert(hub=hub, rows=plan.indicator_rows)
    for code, values in plan.values.items():
        keyed = {(area_ids[area_code(a)], year, bk, bv): value for (a, year, bk, bv), value in values.items()}
        counts = observations_upsert(indicator=indicators[code], values=keyed)
        summary.observations.add(counts)
        summary.observations_by_indicator[code] = counts.total
        progress(f"  {code}: {counts}")
    _record_run(hub=hub, kind=ImportRun.Kind.DDF, source=summary.source, summary=summary)


# One indicator from CSV -----------------------------------------------------------------

AREA_COLUMNS = ("area", "area_code", "code")


def indicator_csv_import(
    *,
    hub: Hub,
    path: str | Path,
    code: str,
    name: str | None = None,
    name_sv: str | None = None,
    name_nb: str | None = None,
    description: str | None = None,
    unit: str | None = None,
    category: str | None = None,
    source: str | None = None,
    licence: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import one indicator's values from a CSV file with the columns area (or area_code or
    code: an existing area's code in this hub), year and value; one more column, if present,
    is a breakdown (its header the key, e.g. gender). The indicator is created if new (name
    defaults to the code, category to social with a warning), else the given fields update it."""
    started = time.monotonic()
    say = progress or _quiet
    file = Path(path)
    label = file.name
    if category is not None and category not in CATEGORIES:
        raise DataImportError(f"--category {category}: use one of {', '.join(sorted(CATEGORIES))}")
    if not code.strip():
        raise DataImportError("the indicator needs a code")
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise DataImportError(f"{path}: file not found") from None
    summary = ImportSummary(source=label, checksum=digest)
    area_ids = dict(Area.objects.filter(hub=hub).values_list("code", "pk"))
    values: dict[ObservationKey, float] = {}
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        columns = [c.strip() for c in header]
        area_column = next((c for c in AREA_COLUMNS if c in columns), None)
        if area_column is None or "year" not in columns or "value" not in columns:
            raise DataImportError(
                f"{label}, row 1: the columns must include area (or area_code), year and value"
            )
        extra = [c for c in columns if c not in (area_column, "year", "value") and c]
        if len(extra) > 1:
            raise DataImportError(f"{label}, row 1: at most one breakdown column, not {', '.join(extra)}")
        bkey = extra[0] if extra else ""
        if bkey:
            summary.breakdowns = [bkey]
        for number, raw_row in read_csv(file, label=label):
            where = f"{label}, row {number}"
            row = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items()}
            area_id = area_ids.get(row[area_column])
            if area_id is None:
                raise DataImportError(f"{where}: no area with code {row[area_column]!r} in {hub.slug}")
            year = parse_year(row["year"], where=where)
            bvalue = row.get(bkey, "") if bkey else ""
            if bkey and not bvalue:
                raise DataImportError(f"{where}: no {bkey}")
            summary.rows_read += 1
            if not row["value"]:
                summary.empty_values += 1
                continue
            values[(area_id, year, bkey, bvalue)] = parse_number(row["value"], where=where)
    except DdfError as exc:
        raise DataImportError(str(exc)) from None
    say(f"Read {label}: {summary.rows_read:,} rows")

    existing = Indicator.objects.filter(hub=hub, code=code).first()
    fields: dict[str, Any] = {"code": code}
    given = {
        "name_en": name,
        "name_sv": name_sv,
        "name_nb": name_nb,
        "description_en": description,
        "unit": unit,
        "category": category,
        "source": source,
        "licence": licence,
    }
    fields.update({k: v for k, v in given.items() if v is not None})
    if existing is None:
        fields.setdefault("name_en", code)
        fields.setdefault("source", label)
        fields.setdefault("licence", NO_LICENCE)
        if "category" not in fields:
            fields["category"] = "social"
            summary.warnings.append(f"{code}: no --category given; filed as social")
    with transaction.atomic():
        indicators, summary.indicators = indicators_upsert(hub=hub, rows=[fields])
        summary.observations = observations_upsert(indicator=indicators[code], values=values)
        summary.observations_by_indicator[code] = summary.observations.total
        _record_run(hub=hub, kind=ImportRun.Kind.CSV, source=f"{code}:{label}", summary=summary)
    summary.seconds = time.monotonic() - started
    return summary
