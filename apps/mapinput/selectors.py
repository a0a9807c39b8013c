"""Reads for map input pages and the API, each a constant number of queries.

The clustered layer groups marks on a grid in SQL: for a zoom level the cell is a quarter of a
map tile wide, and `GROUP BY floor(lon / cell), floor(lat / cell), category` inside the bbox
gives per-cell, per-category counts and coordinate sums in one query that reads only the
`mapmark_cluster` index, however many marks there are.
"""

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Func, IntegerField, Max, Min, Q, QuerySet, Sum, Value

from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation.spaces import Space

Bbox = tuple[float, float, float, float]

SINGLE_ZOOM = 16  # from this zoom on, marks are shown one by one
MAX_SINGLES = 500  # … and below it, when no more than this many are in view
SINGLES_CAP = 2000  # never more than this many single marks in one answer
CELLS_PER_TILE = 4  # a cluster cell is a quarter of a 256-px tile: about 64 px
HEAT_CELLS_PER_TILE = 16  # the heat grid is finer: about 16 px


def settings_for(*, space: Space) -> MarkSettings:
    """The space's settings with its categories; an unsaved default when none are stored yet."""
    found = (
        MarkSettings.objects.filter(hub=space.hub, space_key=space.key).prefetch_related("categories").first()
    )
    if found is not None:
        # The space from the URL already holds the initiative/area: no second query for them.
        found.hub, found.initiative, found.area = space.hub, space.initiative, space.area
        return found
    default = MarkSettings(boundary_required=space.boundary() is not None)
    default.set_space(space)
    return default


def visible_marks(*, settings: MarkSettings, include_hidden: bool = False) -> QuerySet[MapMark]:
    qs = MapMark.objects.filter(settings_id=settings.pk)
    if not include_hidden:
        qs = qs.filter(hidden=False)
    return qs


def latest_marks(*, settings: MarkSettings, include_hidden: bool = False) -> QuerySet[MapMark]:
    """Newest first, with category and author: the list under the map."""
    return (
        visible_marks(settings=settings, include_hidden=include_hidden)
        .select_related("category", "author")
        .order_by("-created", "-pk")
    )


def category_counts(*, settings: MarkSettings) -> list[MarkCategory]:
    """The space's categories, each with `mark_count` (visible marks), in their order."""
    return list(
        MarkCategory.objects.filter(settings_id=settings.pk)
        .annotate(mark_count=Count("marks", filter=Q(marks__hidden=False)))
        .order_by("position", "name", "pk")
    )


def marks_extent(*, settings: MarkSettings) -> list[float] | None:
    """[min_lon, min_lat, max_lon, max_lat] of the visible marks, or None: the first view of a
    map whose space has no boundary."""
    if not settings.pk:
        return None
    box = visible_marks(settings=settings).aggregate(a=Min("lon"), b=Min("lat"), c=Max("lon"), d=Max("lat"))
    return None if box["a"] is None else [box["a"], box["b"], box["c"], box["d"]]


def mark_get(*, settings: MarkSettings, pk: int) -> MapMark:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(MapMark.objects.select_related("category"), settings_id=settings.pk, pk=pk)


def mark_count(*, initiative: Any) -> int:
    return MapMark.objects.filter(
        hub_id=initiative.hub_id, initiative_id=initiative.pk, area__isnull=True, hidden=False
    ).count()


# The clustered map ---------------------------------------------------------------------------


def cell_size(zoom: int, mid_lat: float, per_tile: int = CELLS_PER_TILE) -> tuple[float, float]:
    """(degrees of longitude, degrees of latitude) of a grid cell at `zoom`: a fraction of a
    tile wide, and about as tall on the screen (Web Mercator stretches latitude by 1/cos)."""
    lon_size = 360.0 / (2**zoom) / per_tile
    lat_size = lon_size * max(math.cos(math.radians(mid_lat)), 0.05)
    return lon_size, lat_size


def _in_bbox(qs: QuerySet[MapMark], bbox: Bbox | None) -> QuerySet[MapMark]:
    if bbox is None:
        return qs
    min_lon, min_lat, max_lon, max_lat = bbox
    return qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)


class GridCell(Func):
    """The grid column (or row) of a coordinate: floor((value + offset) / size), an integer ≥ 0.
    The offset (180 for longitude, 90 for latitude) keeps the quotient positive, so SQLite can
    truncate with CAST instead of calling a Python FLOOR for every row."""

    output_field = IntegerField()
    template = "CAST(FLOOR((%(value)s + %(offset)s) / %(size)s) AS INTEGER)"
    sqlite_template = "CAST((%(value)s + %(offset)s) / %(size)s AS INTEGER)"

    def __init__(self, expression: Any, offset: float, size: float) -> None:
        super().__init__(expression, Value(float(offset)), Value(float(size)))

    def _compile(self, compiler: Any, template: str) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return template % {"value": parts[0], "offset": parts[1], "size": parts[2]}, params

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        return self._compile(compiler, self.template)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self._compile(compiler, self.sqlite_template)


def _cells(qs: QuerySet[MapMark], lon_size: float, lat_size: float) -> Any:
    return qs.annotate(cx=GridCell(F("lon"), 180, lon_size), cy=GridCell(F("lat"), 90, lat_size))


def _grid(qs: QuerySet[MapMark], lon_size: float, lat_size: float) -> QuerySet[Any]:
    """GROUP BY grid cell and category, in SQL: per cell and category the count and the sums of
    the coordinates (for the cluster's position, the mean of its marks)."""
    return (
        _cells(qs, lon_size, lat_size)
        .values("cx", "cy", "category_id")
        .annotate(n=Count("id"), slon=Sum("lon"), slat=Sum("lat"))
        .order_by()
    )


@dataclass
class Cluster:
    lon: float
    lat: float
    count: int = 0
    by_category: dict[int, int] = field(default_factory=dict)


@dataclass
class MarkLayer:
    mode: str  # "clusters" or "marks"
    total: int
    clusters: list[Cluster] = field(default_factory=list)
    marks: list[MapMark] = field(default_factory=list)
    truncated: bool = False


def _singles(qs: QuerySet[MapMark]) -> list[MapMark]:
    return list(
        qs.select_related("category")
        .only(
            "id",
            "kind",
            "geometry",
            "lon",
            "lat",
            "comment",
            "photo",
            "created",
            "category_id",
            "category__name",
            "category__colour",
        )
        .order_by("-created", "-pk")[:SINGLES_CAP]
    )


def mark_layer(*, settings: MarkSettings, bbox: Bbox | None, zoom: int) -> MarkLayer:
    """What the map shows in `bbox` at `zoom`: clusters, or single marks when zoomed in far or
    when few are in view. At most two queries: zoomed in, a count and the marks (a small bbox);
    zoomed out, the grid (one pass over the index), then the marks only if there are few."""
    if not settings.pk:
        return MarkLayer(mode="marks", total=0)
    qs = _in_bbox(visible_marks(settings=settings), bbox)
    if zoom >= SINGLE_ZOOM:
        total = qs.count()
        marks = _singles(qs) if total else []
        return MarkLayer(mode="marks", total=total, marks=marks, truncated=total > len(marks))
    mid_lat = (bbox[1] + bbox[3]) / 2 if bbox else 60.0
    lon_size, lat_size = cell_size(zoom, mid_lat)
    cells: dict[tuple[int, int], Cluster] = {}
    for row in _grid(qs, lon_size, lat_size):
        key = (row["cx"], row["cy"])
        cluster = cells.get(key)
        if cluster is None:
            cluster = cells[key] = Cluster(lon=0.0, lat=0.0)
        cluster.count += row["n"]
        cluster.lon += row["slon"]
        cluster.lat += row["slat"]
        cluster.by_category[row["category_id"]] = cluster.by_category.get(row["category_id"], 0) + row["n"]
    total = sum(c.count for c in cells.values())
    if total <= MAX_SINGLES:
        return MarkLayer(mode="marks", total=total, marks=_singles(qs) if total else [])
    for cluster in cells.values():
        cluster.lon, cluster.lat = cluster.lon / cluster.count, cluster.lat / cluster.count
    clusters = sorted(cells.values(), key=lambda c: (-c.count, c.lon, c.lat))
    return MarkLayer(mode="clusters", total=total, clusters=clusters)


def heat_grid(*, settings: MarkSettings, bbox: Bbox | None, zoom: int) -> dict[str, Any]:
    """Weights on a fine grid for the heat layer, one query: {cell: [dlon, dlat], origin:
    [-180, -90], cells: [[x, y, n], …]}, where cell (x, y) spans longitude
    -180 + x·dlon … -180 + (x+1)·dlon and latitude -90 + y·dlat … -90 + (y+1)·dlat."""
    mid_lat = (bbox[1] + bbox[3]) / 2 if bbox else 60.0
    lon_size, lat_size = cell_size(zoom, mid_lat, HEAT_CELLS_PER_TILE)
    empty = {"cell": [lon_size, lat_size], "origin": [-180, -90], "cells": [], "max": 0, "total": 0}
    if not settings.pk:
        return empty
    qs = _in_bbox(visible_marks(settings=settings), bbox)
    rows = _cells(qs, lon_size, lat_size).values("cx", "cy").annotate(n=Count("id")).order_by()
    cells = [[r["cx"], r["cy"], r["n"]] for r in rows]
    return {
        **empty,
        "cells": cells,
        "max": max((c[2] for c in cells), default=0),
        "total": sum(c[2] for c in cells),
    }


def place_counts(scope: Q) -> list[dict[str, Any]]:
    """Visible marks matching a summary's scope (apps.participation.summary), by category."""
    rows = (
        MapMark.objects.filter(scope, hidden=False)
        .values("category__name", "category__colour")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
    )
    return [{"label": r["category__name"], "colour": r["category__colour"], "count": r["n"]} for r in rows]


def marks_in_area(*, area: Any) -> list[MapMark]:
    """Visible marks in `area` or an area below it: by their point (bbox in SQL, then shapely),
    or made in the area's own space or one below it. Newest first; one query."""
    from apps.places.selectors import area_scope

    scope = area_scope(area)
    candidates = (
        MapMark.objects.filter(hub_id=area.hub_id, hidden=False)
        .filter(Q(area_id__in=scope.area_ids) | scope.bbox_q())
        .select_related("category", "hub", "initiative", "area")
        .order_by("-created", "-pk")
    )
    return [m for m in candidates if scope.holds(area_id=m.area_id, lon=m.lon, lat=m.lat)]
