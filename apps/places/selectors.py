"""Reads of areas for pages and the API: every query for area data is shaped (and scoped) here.

Spatial filters use the stored bounding box in SQL first, then shapely for the exact test.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from shapely import Point
from shapely.prepared import prep

from apps.hubs.models import Hub
from apps.places.geometry import Bbox, to_shape
from apps.places.models import Area, AreaLevel


def area_levels(*, hub: Hub) -> QuerySet[AreaLevel]:
    return AreaLevel.objects.filter(hub=hub).order_by("depth", "slug")


def areas_for_hub(*, hub: Hub, level: str = "") -> QuerySet[Area]:
    """The hub's areas (of one level, by its slug, if given), top levels first, then by name."""
    qs = (
        Area.objects.filter(hub=hub)
        .select_related("level", "parent")
        .order_by("level__depth", "name", "code")
    )
    if level:
        qs = qs.filter(level__slug=level)
    return qs


def area_get(*, hub: Hub, code: str) -> Area:
    """One area of the hub by code, with its level, parent, children and neighbours (404 if none)."""
    qs = (
        Area.objects.filter(hub=hub)
        .select_related("level", "parent", "parent__level")
        .prefetch_related(
            Prefetch("children", queryset=Area.objects.select_related("level").order_by("name", "code")),
            Prefetch("neighbours", queryset=Area.objects.select_related("level").order_by("name", "code")),
        )
    )
    return get_object_or_404(qs, code=code)


def areas_in_bbox(*, hub: Hub, bbox: Bbox, level: str = "") -> QuerySet[Area]:
    """Areas whose bounding box overlaps `bbox` (min_lon, min_lat, max_lon, max_lat)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return areas_for_hub(hub=hub, level=level).filter(
        min_lon__lte=max_lon, max_lon__gte=min_lon, min_lat__lte=max_lat, max_lat__gte=min_lat
    )


def area_at_point(*, hub: Hub, lon: float, lat: float, level: str = "") -> Area | None:
    """The deepest area of the hub (of one level, if given) that contains the point, or None.
    A point on a border belongs to an area on either side."""
    candidates = (
        areas_for_hub(hub=hub, level=level)
        .filter(min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat)
        .order_by("-level__depth", "code")
    )
    point = Point(lon, lat)
    for area in candidates:
        if area.geometry and to_shape(area.geometry).covers(point):
            return area
    return None


# Pages (explorer) ---------------------------------------------------------------------------
# Light lists for the area pages and the explorer's table: no geometry loaded.


def areas_for_list(*, hub: Hub, query: str = "") -> QuerySet[Area]:
    """Every area of the hub (whose name holds `query`, if given, in any case) for a plain list
    grouped by level, without geometry."""
    qs = Area.objects.filter(hub=hub)
    if query:
        qs = qs.filter(name__icontains=query)
    return (
        qs.select_related("level", "parent")
        .only(
            "id",
            "code",
            "name",
            "level_id",
            "parent_id",
            "level__name",
            "level__name_plural",
            "level__name_nb",
            "level__name_plural_nb",
            "level__name_sv",
            "level__name_plural_sv",
            "level__depth",
            "level__slug",
            "parent__code",
            "parent__name",
        )
        .order_by("level__depth", "level__slug", "name", "code")
    )


def areas_of_level(*, level: AreaLevel) -> list[Area]:
    """The areas of one level (code, name, parent's name), by name: the explorer's table rows."""
    return list(
        Area.objects.filter(level=level)
        .select_related("parent")
        .only("id", "code", "name", "parent_id", "parent__code", "parent__name")
        .order_by("name", "code")
    )


def area_levels_with_counts(*, hub: Hub) -> list[AreaLevel]:
    """The hub's levels, coarsest first, each with `area_count` (the explorer's default level is
    the one with the most areas: the small areas, not a lone country above them)."""
    return list(
        AreaLevel.objects.filter(hub=hub).annotate(area_count=Count("areas")).order_by("depth", "slug")
    )


# What lies in an area -------------------------------------------------------------------------
# Apps above places gather their things in an area (initiatives, ideas, marks, surveys, events)
# by geometry: a bounding-box filter in SQL (`bbox_q`), then shapely's exact test
# (`AreaScope.covers`). An area's scope is the area and every area below it.


class AreaScope:
    """An area, the ids of the areas below it (any depth) and its shape, for "is it in here?".

    Built with two queries whatever the data (the hub's deeper areas overlapping the area's
    box, then nothing more): `area_ids` for things tied to an area by a field, `covers(lon, lat)`
    for things with a point."""

    def __init__(self, area: Area) -> None:
        self.area = area
        self.area_ids = _descendant_ids(area)
        self._shape = prep(to_shape(area.geometry)) if area.geometry else None

    def bbox_q(self, lon: str = "lon", lat: str = "lat") -> Q:
        """A Q for rows whose point (fields `lon`, `lat`) is in the area's bounding box."""
        a = self.area
        if a.min_lon is None or a.geometry is None:
            return Q(pk__in=[])
        return Q(
            **{
                f"{lon}__gte": a.min_lon,
                f"{lon}__lte": a.max_lon,
                f"{lat}__gte": a.min_lat,
                f"{lat}__lte": a.max_lat,
            }
        )

    def covers(self, lon: float | None, lat: float | None) -> bool:
        """Whether the point lies in the area (on its border counts)."""
        if self._shape is None or lon is None or lat is None:
            return False
        return bool(self._shape.covers(Point(lon, lat)))

    def holds(
        self, *, area_id: int | None = None, lon: float | None = None, lat: float | None = None
    ) -> bool:
        """In scope by its area field (this area or one below it) or by its point."""
        return (area_id is not None and area_id in self.area_ids) or self.covers(lon, lat)


def _descendant_ids(area: Area) -> set[int]:
    """The area's id and those of every area below it, by parent links (one query: the hub's
    deeper areas, walked in Python)."""
    rows = Area.objects.filter(hub_id=area.hub_id, level__depth__gt=area.level.depth).values_list(
        "id", "parent_id"
    )
    children: dict[int, list[int]] = {}
    for pk, parent_id in rows:
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found = {area.pk}
    todo = [area.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def area_scope(area: Area) -> AreaScope:
    """The area's scope, remembered on the area object (every panel of a page shares it)."""
    cached = getattr(area, "_scope_cache", None)
    if cached is None:
        cached = AreaScope(area)
        area._scope_cache = cached  # type: ignore[attr-defined]
    return cached
