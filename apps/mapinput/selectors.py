"""Reads for map input pages and the API, each a constant number of queries.

The clustered layer is read from `MarkCell`, the marks counted per grid cell (apps.places.grid),
zoom level and category by database triggers: one index range read of at most a few thousand
rows for any bbox and zoom, however many marks there are. Zoomed in beyond the counted levels
the bbox is small, and the marks in it are grouped in SQL (`GROUP BY` cell, category) on the
`mapmark_cluster` index.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from apps.mapinput.models import MapMark, MarkCategory, MarkCell, MarkSettings
from apps.participation.spaces import Space
from apps.places import grid

Bbox = tuple[float, float, float, float]

MAX_SINGLES = 300  # marks are shown one by one when no more than this many are in view


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


def _in_bbox(qs: QuerySet[MapMark], bbox: Bbox | None) -> QuerySet[MapMark]:
    if bbox is None:
        return qs
    min_lon, min_lat, max_lon, max_lat = bbox
    return qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)


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
    zoom: int | None = None  # the zoom the clusters were made at (coarser than asked for a wide bbox)
    bbox: list[float] | None = None  # what the clusters count: the whole cells the bbox touches


def _singles(qs: QuerySet[MapMark], limit: int) -> list[MapMark]:
    """Up to `limit` marks, newest first. No ORDER BY in SQL: the database stops at `limit`
    however many marks the bbox holds; the few are sorted here."""
    marks = list(
        qs.select_related("category").only(
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
        )[:limit]
    )
    return sorted(marks, key=lambda m: (m.created, m.pk), reverse=True)


def _pyramid(settings: MarkSettings, cells: tuple[int, int, int, int] | None, zoom: int) -> list[tuple]:
    """(cx, cy, category, n, slon, slat) of the counted cells in a range at `zoom` (or all of
    them, at most MAX_GRID + 1 rows): one index range read."""
    found = MarkCell.objects.filter(settings_id=settings.pk, zoom=zoom, n__gt=0)
    if cells is None:
        found = found.order_by()[: grid.MAX_GRID + 1]
    else:
        x0, y0, x1, y1 = cells
        found = found.filter(cx__gte=x0, cx__lte=x1, cy__gte=y0, cy__lte=y1)
    return list(found.values_list("cx", "cy", "category_id", "n", "slon", "slat"))


def _everywhere(settings: MarkSettings, zoom: int) -> tuple[list[tuple], int]:
    """No bbox: the counted cells at `zoom`, or a coarser zoom when there are too many."""
    at = min(zoom, grid.PYRAMID_MAX)
    rows = _pyramid(settings, None, at)
    while len(rows) > grid.MAX_GRID and at > 0:
        at = max(0, at - 2)
        rows = _pyramid(settings, None, at)
    return rows, at


def _from_marks(qs: QuerySet[MapMark], zoom: int) -> list[tuple]:
    """The same rows grouped from the marks themselves (zoom beyond the pyramid, small bbox)."""
    rows = grid.grouped(qs, zoom, "category_id")
    return [(r["cx"], r["cy"], r["category_id"], r["n"], r["slon"], r["slat"]) for r in rows]


def _clusters(rows: list[tuple], steps: int) -> list[Cluster]:
    clusters = []
    for cell in grid.coarser(rows, steps).values():
        count = int(sum(v[0] for v in cell.values()))
        clusters.append(
            Cluster(
                lon=sum(v[1] for v in cell.values()) / count,
                lat=sum(v[2] for v in cell.values()) / count,
                count=count,
                by_category={k: int(v[0]) for k, v in cell.items()},
            )
        )
    return clusters


WORLD: Bbox = (-180.0, -90.0, 180.0, 90.0)


def mark_layer(*, settings: MarkSettings, bbox: Bbox | None, zoom: int) -> MarkLayer:
    """What the map shows in `bbox` at `zoom`: clusters, or single marks when few are in view.

    Bounded for any bbox and zoom (apps.places.grid): the clusters are made at the finest zoom
    ≤ `zoom` where the bbox spans at most MAX_GRID cells, from the counted cells (zoom ≤ 15)
    or, zoomed in further, grouped from the marks in the (then small) bbox, and coarsened until
    there are at most MAX_CLUSTERS. They count the whole cells the bbox touches (`bbox` in the
    answer). Two or three queries: the cells, then the marks only if there are few."""
    if not settings.pk:
        return MarkLayer(mode="marks", total=0)
    qs = _in_bbox(visible_marks(settings=settings), bbox)
    covered: list[float] | None = None
    if bbox is None:
        rows, at = _everywhere(settings, zoom)
        total = sum(r[3] for r in rows)
        if total <= MAX_SINGLES:
            marks = _singles(qs, MAX_SINGLES + 1) if total else []
            return MarkLayer(mode="marks", total=len(marks), marks=marks)
        return _layer(rows, total, at, covered)
    at = grid.grid_zoom(bbox, zoom)
    cells = grid.cell_range(bbox, at)
    if at > grid.PYRAMID_MAX:
        # Zoomed in far: a small bbox. The marks themselves if few, else grouped from them.
        marks = _singles(qs, MAX_SINGLES + 1)
        if len(marks) <= MAX_SINGLES:
            return MarkLayer(mode="marks", total=len(marks), marks=marks)
        rows = _from_marks(qs, at)
        total = sum(r[3] for r in rows)
        covered = list(bbox)
    else:
        rows = _pyramid(settings, cells, at)
        total = sum(r[3] for r in rows)
        if total <= MAX_SINGLES:
            marks = _singles(qs, MAX_SINGLES + 1) if total else []
            return MarkLayer(mode="marks", total=len(marks), marks=marks)
        covered = grid.cells_bbox(cells, at)
    return _layer(rows, total, at, covered)


def _layer(rows: list[tuple], total: int, at: int, covered: list[float] | None) -> MarkLayer:
    """The clusters of the rows, merged into coarser cells until there are few enough."""
    steps = 0
    clusters = _clusters(rows, steps)
    while len(clusters) > grid.MAX_CLUSTERS and at - steps > 0:
        steps += 1
        clusters = _clusters(rows, steps)
    clusters.sort(key=lambda c: (-c.count, c.lon, c.lat))
    return MarkLayer(mode="clusters", total=total, clusters=clusters, zoom=at - steps, bbox=covered)


def heat_grid(*, settings: MarkSettings, bbox: Bbox | None, zoom: int) -> dict[str, Any]:
    """Weights on a fine grid for the heat layer (cells a quarter as wide as the clusters',
    about 16 px; at most MAX_GRID of them): {cell: [dlon, dlat], origin: [-180, -90], cells:
    [[x, y, n], …]}, where cell (x, y) spans longitude -180 + x·dlon … -180 + (x+1)·dlon and
    latitude -90 + y·dlat … -90 + (y+1)·dlat. One query."""
    box = bbox or WORLD
    at = grid.grid_zoom(box, min(zoom + 2, grid.MAX_ZOOM))
    lon_size, lat_size = grid.cell_size(at)
    empty = {"cell": [lon_size, lat_size], "origin": [-180, -90], "cells": [], "max": 0, "total": 0}
    if not settings.pk:
        return empty
    if at > grid.PYRAMID_MAX:
        rows = _from_marks(_in_bbox(visible_marks(settings=settings), bbox), at)
    else:
        rows = _pyramid(settings, grid.cell_range(box, at), at)
    merged = grid.coarser(rows, 0)
    cells = [[x, y, int(sum(v[0] for v in per.values()))] for (x, y), per in sorted(merged.items())]
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
