"""The map's clustering grid, shared by map marks (apps.mapinput) and initiatives.

At zoom z a cell is 90/2^z degrees of longitude wide (a quarter of a 256-px web map tile, about
64 px) and half as tall in latitude (square on the screen at 60° north, near enough
elsewhere in the Nordics). Column and row are whole numbers counted from -180°/-90°:

    cx = floor((lon + 180) · 2^z / 90)        cy = floor((lat + 90) · 2^z / 45)

so a cell at zoom z holds exactly the four cells below it at z + 1, and the database computes
them with one multiplication and a truncation. Zoom levels 0 … PYRAMID_MAX are kept counted per
cell by triggers (`MarkCell`); finer ones are grouped from the marks themselves, in a bbox that
is small by then.

Every answer is bounded whatever the bbox and zoom: a bbox wider than MAX_GRID cells at the
asked zoom is clustered at the finest zoom where it is not, and a grid with more than
MAX_CLUSTERS non-empty cells is coarsened until it has no more.
"""

import math
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Func, IntegerField, QuerySet, Sum, Value

Bbox = tuple[float, float, float, float]

PYRAMID_MAX = 15  # levels counted by the triggers (migration 0003): 0 … 15
MAX_ZOOM = 22
MAX_GRID = 64 * 64  # cells a bbox may span at the zoom it is clustered at
MAX_CLUSTERS = 400  # non-empty cells in one answer: about 80 KB of GeoJSON


def lon_scale(zoom: int) -> float:
    return float(2**zoom) / 90.0


def lat_scale(zoom: int) -> float:
    return float(2**zoom) / 45.0


def cell_size(zoom: int) -> tuple[float, float]:
    """(degrees of longitude, degrees of latitude) of a cell at `zoom`."""
    return 90.0 / 2**zoom, 45.0 / 2**zoom


def cell_of(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The cell a point is in, computed as the database does."""
    return math.floor((lon + 180.0) * lon_scale(zoom)), math.floor((lat + 90.0) * lat_scale(zoom))


def cell_range(bbox: Bbox, zoom: int) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of the cells `bbox` touches."""
    x0, y0 = cell_of(bbox[0], bbox[1], zoom)
    x1, y1 = cell_of(bbox[2], bbox[3], zoom)
    return x0, y0, x1, y1


def cells_bbox(cells: tuple[int, int, int, int], zoom: int) -> list[float]:
    """The bbox the cells cover: what a clustered answer counts (whole cells)."""
    dlon, dlat = cell_size(zoom)
    x0, y0, x1, y1 = cells
    return [
        round(-180.0 + x0 * dlon, 7),
        round(-90.0 + y0 * dlat, 7),
        round(min(180.0, -180.0 + (x1 + 1) * dlon), 7),
        round(min(90.0, -90.0 + (y1 + 1) * dlat), 7),
    ]


def grid_zoom(bbox: Bbox, zoom: int, max_cells: int = MAX_GRID) -> int:
    """The finest zoom ≤ `zoom` at which `bbox` spans at most `max_cells` cells."""
    zoom = max(0, min(zoom, MAX_ZOOM))
    while zoom > 0:
        x0, y0, x1, y1 = cell_range(bbox, zoom)
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= max_cells:
            break
        zoom -= 1
    return zoom


def coarser(rows: Iterable[tuple[int, int, int, int, float, float]], steps: int) -> dict:
    """Merge (cx, cy, category, n, slon, slat) rows `steps` levels up: {(cx, cy): {category:
    [n, slon, slat]}}."""
    merged: dict[tuple[int, int], dict[int, list[float]]] = {}
    for cx, cy, category, n, slon, slat in rows:
        cell = merged.setdefault((cx >> steps, cy >> steps), {})
        total = cell.setdefault(category, [0, 0.0, 0.0])
        total[0] += n
        total[1] += slon
        total[2] += slat
    return merged


class GridCell(Func):
    """The grid column (or row) of a coordinate in SQL: floor((value + offset) · scale), an
    integer ≥ 0. The offset keeps the product positive, so SQLite truncates with CAST (the same
    as floor here) and no function is called per row."""

    output_field = IntegerField()
    template = "CAST(FLOOR((%(value)s + %(offset)s) * %(scale)s) AS INTEGER)"
    sqlite_template = "CAST((%(value)s + %(offset)s) * %(scale)s AS INTEGER)"

    def __init__(self, expression: Any, offset: float, scale: float) -> None:
        super().__init__(expression, Value(float(offset)), Value(float(scale)))

    def _compile(self, compiler: Any, template: str) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        return template % {"value": parts[0], "offset": parts[1], "scale": parts[2]}, params

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        return self._compile(compiler, self.template)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self._compile(compiler, self.sqlite_template)


def grouped(qs: QuerySet[Any], zoom: int, *by: str, lon: str = "lon", lat: str = "lat") -> QuerySet[Any]:
    """`qs` grouped by grid cell at `zoom` (and the fields `by`) in SQL: per group cx, cy, n and
    the sums of the coordinates (slon, slat) for the mean."""
    return (
        qs.annotate(cx=GridCell(F(lon), 180, lon_scale(zoom)), cy=GridCell(F(lat), 90, lat_scale(zoom)))
        .values("cx", "cy", *by)
        .annotate(n=Count("pk"), slon=Sum(lon), slat=Sum(lat))
        .order_by()
    )
