"""Check and tidy the geometry of a mark: a GeoJSON Point, LineString or Polygon in WGS84
longitude/latitude, inside the space's boundary (shapely `covers`)."""

from typing import Any

from django.utils.translation import gettext as _
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from apps.places.drawn import DrawnGeometryError, clean_drawn
from apps.places.geometry import GeometryError, to_shape

MAX_VERTICES = 500
KIND_OF_TYPE = {"Point": "point", "LineString": "line", "Polygon": "area"}


class MarkGeometryError(ValueError):
    """Geometry that cannot be a mark; the message is translated and meant for people."""


def clean_mark_geometry(geojson: Any) -> tuple[str, dict[str, Any], BaseGeometry]:
    """(kind, cleaned GeoJSON dict, shapely shape) for a Point, LineString or Polygon, or
    MarkGeometryError (apps.places.drawn, the one check for drawn geometry)."""
    try:
        drawn = clean_drawn(
            geojson,
            kinds=KIND_OF_TYPE,
            max_vertices=MAX_VERTICES,
            kind_message=_("A mark must be a point, a line or an area."),
        )
    except DrawnGeometryError as exc:
        raise MarkGeometryError(exc.message) from exc
    if drawn is None:
        raise MarkGeometryError(_("The geometry has no coordinates."))
    return KIND_OF_TYPE[drawn.type], drawn.geometry, drawn.shape


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
