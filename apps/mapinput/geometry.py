"""Check and tidy the geometry of a mark: a GeoJSON Point, LineString or Polygon in WGS84
longitude/latitude, inside the space's boundary (shapely `covers`)."""

import math
from typing import Any

from django.utils.translation import gettext as _
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from apps.places.geometry import GeometryError, clean_geometry_with_report, rounded_mapping, to_shape

MAX_VERTICES = 500
KIND_OF_TYPE = {"Point": "point", "LineString": "line", "Polygon": "area"}


class MarkGeometryError(ValueError):
    """Geometry that cannot be a mark; the message is translated and meant for people."""


def _finite_lonlat(geom: BaseGeometry) -> None:
    min_x, min_y, max_x, max_y = geom.bounds
    if not all(math.isfinite(v) for v in (min_x, min_y, max_x, max_y)):
        raise MarkGeometryError(_("The geometry has coordinates that are not numbers."))
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise MarkGeometryError(_("Coordinates must be longitude and latitude in degrees."))


def clean_mark_geometry(geojson: Any) -> tuple[str, dict[str, Any], BaseGeometry]:
    """(kind, cleaned GeoJSON dict, shapely shape) for a Point, LineString or Polygon, or
    MarkGeometryError. A self-intersecting polygon is repaired when the repair leaves one
    polygon, and refused when it would fall apart into several."""
    if not isinstance(geojson, dict) or geojson.get("type") not in KIND_OF_TYPE:
        raise MarkGeometryError(_("A mark must be a point, a line or an area."))
    coords = geojson.get("coordinates")
    if not isinstance(coords, list) or not coords:
        raise MarkGeometryError(_("The geometry has no coordinates."))
    try:
        geom = to_shape(geojson)
    except GeometryError as exc:
        raise MarkGeometryError(_("The geometry cannot be read.")) from exc
    if geom.is_empty:
        raise MarkGeometryError(_("The geometry is empty."))
    _finite_lonlat(geom)
    kind = KIND_OF_TYPE[geojson["type"]]
    if isinstance(geom, Point):
        return kind, rounded_mapping(geom), geom
    if isinstance(geom, LineString):
        if len(geom.coords) > MAX_VERTICES:
            raise MarkGeometryError(_("The line has too many points."))
        if not geom.is_valid or geom.length <= 0:
            raise MarkGeometryError(_("A line needs at least two different points."))
        return kind, rounded_mapping(geom), geom
    assert isinstance(geom, Polygon)
    if len(geom.exterior.coords) > MAX_VERTICES:
        raise MarkGeometryError(_("The area has too many points."))
    try:
        cleaned, _reason = clean_geometry_with_report(geojson)
    except GeometryError as exc:
        raise MarkGeometryError(_("The area has no surface; draw at least three points apart.")) from exc
    if cleaned["type"] != "Polygon":
        raise MarkGeometryError(
            _("The area's outline crosses itself. Draw it again so that the lines do not cross.")
        )
    return kind, cleaned, to_shape(cleaned)


def representative_point(geom: BaseGeometry) -> tuple[float, float]:
    """The point a mark is clustered at: itself, a line's middle, a point inside an area."""
    if isinstance(geom, Point):
        point = geom
    elif isinstance(geom, LineString):
        point = geom.interpolate(0.5, normalized=True)
    else:
        point = geom.representative_point()
    return round(point.x, 7), round(point.y, 7)


def boundary_shape(boundary: dict | None) -> BaseGeometry | None:
    if not boundary:
        return None
    try:
        shape = to_shape(boundary)
    except GeometryError:
        return None
    if not shape.is_valid:
        shape = shape.buffer(0)
    return shape


def check_inside(geom: BaseGeometry, boundary: dict | None) -> None:
    shape = boundary_shape(boundary)
    if shape is None:
        return
    if not shape.covers(geom):
        if shape.intersects(geom):
            raise MarkGeometryError(
                _("Part of your mark is outside the area this map is about. Keep it inside the outline.")
            )
        raise MarkGeometryError(
            _("Your mark is outside the area this map is about. Place it inside the outline.")
        )
