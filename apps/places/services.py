"""Every change to area levels and areas goes through here.

These are import services, called by management commands (`import_areas`) and by importers in
other apps (the DDF import in apps.knowledge), never straight from a request, so they take no
actor and check no permission. Each runs in one transaction and uses bulk operations: a hub's
~1,400 small areas import in a few seconds. Bad input raises `AreaImportError` (a
`GeometryError`), naming the row and its code, before anything is written.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from shapely import STRtree

from apps.hubs.models import Hub
from apps.hubs.versions import hub_changed
from apps.places.geometry import GeometryError, bbox, clean_geometry_with_report, label_point, to_shape
from apps.places.levels import LANGUAGES as LEVEL_LANGUAGES
from apps.places.levels import known_names
from apps.places.models import Area, AreaLevel

UPDATE_FIELDS = [
    "level",
    "name",
    "geometry",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "label_lon",
    "label_lat",
    "attributes",
    "parent",
]
CODE_MAX = Area._meta.get_field("code").max_length or 80
NAME_MAX = Area._meta.get_field("name").max_length or 200
OPTIONAL_KEYS = frozenset({"name", "geometry", "parent_code", "attributes"})


class AreaImportError(GeometryError):
    """A row that cannot be imported; `index` is its position in the rows, `code` its code."""

    def __init__(self, message: str, *, index: int | None = None, code: str = "") -> None:
        where = []
        if index is not None:
            where.append(f"feature {index}")
        if code:
            where.append(f"code {code!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.index = index
        self.code = code


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: list[str] = field(default_factory=list)  # "code: reason" for repaired geometries

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


# Levels --------------------------------------------------------------------------------


def _fill_translations(
    level: AreaLevel, translations: Mapping[str, tuple[str, str]] | None = None
) -> list[str]:
    """Give a level the names it lacks in nb and sv: from `translations` (e.g. a DDF package's
    `lang/sv-SE` concept names), else from the table of known levels. Names set by a steward stay."""
    known = known_names(level.slug, level.name)
    changed = []
    for language in LEVEL_LANGUAGES:
        given = (translations or {}).get(language) or ("", "")
        table = known.get(language) or ("", "")
        name = given[0] or table[0]
        plural = given[1] or (table[1] if name == table[0] else "")
        for attr, value in ((f"name_{language}", name), (f"name_plural_{language}", plural)):
            if value and not getattr(level, attr):
                setattr(level, attr, value[:80])
                changed.append(attr)
    return changed


@transaction.atomic
def area_levels_ensure(
    *,
    hub: Hub,
    levels: Sequence[tuple[str, str, str]],
    translations: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
) -> dict[str, AreaLevel]:
    """Create or update a hub's levels, top first: [(slug, name, name_plural), …]; depth = index.
    `translations` is {slug: {"sv": (name, plural)}}; missing nb/sv names come from the table."""
    existing = {lv.slug: lv for lv in AreaLevel.objects.filter(hub=hub, slug__in=[s for s, _n, _p in levels])}
    out: dict[str, AreaLevel] = {}
    for depth, (slug, name, name_plural) in enumerate(levels):
        level = existing.get(slug)
        if level is None:
            level = AreaLevel(hub=hub, slug=slug, name=name, name_plural=name_plural, depth=depth)
            _fill_translations(level, (translations or {}).get(slug))
            level.save()
        else:
            changed = []
            for attr, value in (("name", name), ("name_plural", name_plural), ("depth", depth)):
                if getattr(level, attr) != value:
                    setattr(level, attr, value)
                    changed.append(attr)
            changed += _fill_translations(level, (translations or {}).get(slug))
            if changed:
                level.save(update_fields=changed)
        out[slug] = level
    return out


@transaction.atomic
def area_level_ensure(
    *, hub: Hub, slug: str, name: str = "", name_plural: str = "", depth: int | None = None
) -> AreaLevel:
    """One level, created if missing (at the bottom of the hierarchy unless `depth` is given);
    an existing level keeps its name and depth unless they are given."""
    level = AreaLevel.objects.filter(hub=hub, slug=slug).first()
    if level is None:
        if depth is None:
            deepest = AreaLevel.objects.filter(hub=hub).order_by("-depth").first()
            depth = deepest.depth + 1 if deepest else 0
        level = AreaLevel(
            hub=hub,
            slug=slug,
            name=name or slug.replace("-", " ").replace("_", " ").capitalize(),
            name_plural=name_plural,
            depth=depth,
        )
        _fill_translations(level)
        level.save()
        return level
    changed = _fill_translations(level)
    for attr, value in (("name", name), ("name_plural", name_plural), ("depth", depth)):
        if value not in ("", None) and getattr(level, attr) != value:
            setattr(level, attr, value)
            changed.append(attr)
    if changed:
        level.save(update_fields=changed)
    return level


# Areas ---------------------------------------------------------------------------------


@dataclass
class _Row:
    index: int
    code: str
    name: str
    parent_code: str
    attributes: dict[str, Any]
    geometry: dict[str, Any] | None
    box: tuple[float | None, float | None, float | None, float | None]
    label: tuple[float | None, float | None]
    given: frozenset[str]  # the optional keys the row has: the others keep their stored values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _prepare(rows: Sequence[dict[str, Any]], result: ImportResult) -> list[_Row]:
    prepared: list[_Row] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        code = _text(row.get("code"))
        if not code:
            raise AreaImportError("has no code", index=index)
        if len(code) > CODE_MAX:
            raise AreaImportError(f"the code is longer than {CODE_MAX} characters", index=index, code=code)
        if code in seen:
            raise AreaImportError(
                f"the code is used twice (also by feature {seen[code]})", index=index, code=code
            )
        seen[code] = index
        name = _text(row.get("name")) or code
        if len(name) > NAME_MAX:
            raise AreaImportError(f"the name is longer than {NAME_MAX} characters", index=index, code=code)
        parent_code = _text(row.get("parent_code"))
        if parent_code == code:
            raise AreaImportError("the area is its own parent", index=index, code=code)
        attributes = row.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise AreaImportError("attributes must be a dict", index=index, code=code)
        geometry = None
        box: tuple[float | None, float | None, float | None, float | None] = (None, None, None, None)
        label: tuple[float | None, float | None] = (None, None)
        if row.get("geometry") is not None:
            try:
                geometry, reason = clean_geometry_with_report(row["geometry"])
                box = bbox(geometry)
                label = label_point(geometry)
            except GeometryError as exc:
                raise AreaImportError(str(exc), index=index, code=code) from exc
            if reason:
                result.repaired.append(f"{code}: {reason}")
        given = frozenset(OPTIONAL_KEYS & row.keys())
        prepared.append(_Row(index, code, name, parent_code, attributes, geometry, box, label, given))
    return prepared


def _apply(area: Area, row: _Row, level: AreaLevel, parent_id: int | None) -> bool:
    """Set the row's values on the area; True if anything changed. Optional keys the row
    does not have (name, geometry, parent_code, attributes) leave the stored values alone."""
    values: dict[str, Any] = {"level_id": level.pk}
    if "name" in row.given or area.pk is None:
        values["name"] = row.name
    if "geometry" in row.given:
        values.update(
            geometry=row.geometry,
            min_lon=row.box[0],
            min_lat=row.box[1],
            max_lon=row.box[2],
            max_lat=row.box[3],
            label_lon=row.label[0],
            label_lat=row.label[1],
        )
    if "attributes" in row.given:
        values["attributes"] = row.attributes
    if "parent_code" in row.given:
        values["parent_id"] = parent_id
    changed = False
    for attr, value in values.items():
        if getattr(area, attr) != value:
            setattr(area, attr, value)
            changed = True
    return changed


@transaction.atomic
def areas_upsert(
    *,
    hub: Hub,
    level: AreaLevel,
    rows: Sequence[dict[str, Any]],
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Create or update the hub's areas of one level from rows of
    {code, name, geometry (GeoJSON geometry or None), parent_code, attributes}.

    Areas are matched by code within the hub and changed in place (an area of another level
    with the same code moves to this level); rows that would change nothing are not written.
    A key a row leaves out keeps what is stored (a row without "geometry" keeps the area's
    shape); a key given as None or "" clears it. New areas without a name are named by code.
    Geometries are cleaned (`geometry.clean_geometry`); parents are found by code within the
    hub, among existing areas or these rows. Everything is checked before anything is written.
    """
    if level.hub_id != hub.pk:
        raise ValueError("The level belongs to another hub.")
    say = progress or (lambda _message: None)
    result = ImportResult()
    prepared = _prepare(rows, result)
    say(f"{len(prepared)} rows checked ({len(result.repaired)} geometries repaired)")

    codes = [r.code for r in prepared]
    existing = {a.code: a for a in Area.objects.filter(hub=hub, code__in=codes)}
    parent_codes = {r.parent_code for r in prepared if r.parent_code}
    parent_ids = dict(Area.objects.filter(hub=hub, code__in=parent_codes).values_list("code", "id"))
    new_codes = set(codes) - set(existing)
    for row in prepared:
        if row.parent_code and row.parent_code not in parent_ids and row.parent_code not in new_codes:
            raise AreaImportError(
                f"its parent {row.parent_code!r} is not an area of this hub; import the parent level first",
                index=row.index,
                code=row.code,
            )

    to_create: list[Area] = []
    to_update: list[Area] = []
    deferred: list[tuple[str, str]] = []  # (code, parent code) where the parent is new too
    for row in prepared:
        area = existing.get(row.code)
        parent_id = parent_ids.get(row.parent_code) if row.parent_code else None
        if row.parent_code and parent_id is None:
            # The parent is one of these rows and new: linked once it exists (below).
            deferred.append((row.code, row.parent_code))
            parent_id = area.parent_id if area is not None else None
        if area is None:
            area = Area(hub=hub, code=row.code)
            _apply(area, row, level, parent_id)
            to_create.append(area)
        elif _apply(area, row, level, parent_id):
            to_update.append(area)
    Area.objects.bulk_create(to_create, batch_size=500)
    Area.objects.bulk_update(to_update, UPDATE_FIELDS, batch_size=200)
    if deferred:
        ids = dict(
            Area.objects.filter(hub=hub, code__in={c for pair in deferred for c in pair}).values_list(
                "code", "id"
            )
        )
        updated_codes = {a.code for a in to_create} | {a.code for a in to_update}
        for code, parent_code in deferred:
            moved = (
                Area.objects.filter(pk=ids[code])
                .exclude(parent_id=ids[parent_code])
                .update(parent_id=ids[parent_code])
            )
            if moved and code not in updated_codes:
                updated_codes.add(code)
                result.updated += 1
    result.created = len(to_create)
    result.updated += len(to_update)
    result.unchanged = len(prepared) - result.created - result.updated
    if result.created or result.updated:
        # Cached map layers (apps.places.api) are keyed by this version: they expire now.
        AreaLevel.objects.filter(pk=level.pk).update(version=F("version") + 1)
        hub_changed([hub.pk])  # bulk writes send no signals: the hub's cached page parts expire
    say(f"Areas: {result}")
    return result


@transaction.atomic
def neighbours_compute(*, hub: Hub, level: AreaLevel | None = None) -> int:
    """Find which areas of the same level touch or overlap (shapely STRtree) and store them as
    neighbours, replacing that level's neighbours; all levels of the hub when `level` is None.
    Returns the number of neighbouring pairs."""
    levels = [level] if level is not None else list(AreaLevel.objects.filter(hub=hub))
    Through = Area.neighbours.through
    pairs_total = 0
    for lv in levels:
        rows = list(Area.objects.filter(hub=hub, level=lv).values_list("id", "geometry").order_by("id"))
        ids = [pk for pk, _g in rows]
        Through.objects.filter(from_area_id__in=ids).delete()
        Through.objects.filter(to_area_id__in=ids).delete()
        with_shape = [(pk, to_shape(g)) for pk, g in rows if g]
        if len(with_shape) < 2:
            continue
        shapes = [s for _pk, s in with_shape]
        tree = STRtree(shapes)
        left, right = tree.query(shapes, predicate="intersects")
        links = []
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            if i < j:
                a, b = with_shape[i][0], with_shape[j][0]
                links.append(Through(from_area_id=a, to_area_id=b))
                links.append(Through(from_area_id=b, to_area_id=a))
        Through.objects.bulk_create(links, batch_size=1000)
        pairs_total += len(links) // 2
    return pairs_total
