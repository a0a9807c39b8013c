"""A geometry a person drew or sent: the one check for initiatives' places and map marks.

Input is a GeoJSON geometry (or a Feature, whose geometry is taken) as a dict or JSON text, in
WGS84 longitude/latitude (RFC 7946). The caller says which types it takes and how many corners
at most. What comes out is tidy: coordinates rounded to 7 decimals, a polygon oriented and, when
its outline only touched itself (a repeated corner), repaired; an outline that crosses itself
(which would fall apart into several areas) is refused rather than silently changed, so what is
saved is what was drawn.

Errors are `DrawnGeometryError(message, code)` with a translated message for people and a
stable code: malformed, too_large, range, kind, empty, self_intersection.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from apps.places.geometry import (
    GeometryError,
    MalformedJSON,
    clean_geometry,
    loads_geojson,
    rounded_mapping,
    to_shape,
)

MAX_CHARS = 100_000


class DrawnGeometryError(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Drawn:
    geometry: dict[str, Any]  # the tidy GeoJSON geometry to store
    shape: BaseGeometry  # the same as a shapely geometry

    @property
    def type(self) -> str:
        return str(self.geometry["type"])


def _malformed() -> DrawnGeometryError:
    return DrawnGeometryError(_("The geometry cannot be read: it is not valid GeoJSON."), "malformed")


def _number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _check_positions(coordinates: Any, depth: int) -> int:
    """Count the positions (nested `depth` lists deep), refusing anything that is not a finite
    longitude/latitude pair."""
    if not isinstance(coordinates, list):
        raise _malformed()
    if depth == 0:
        if len(coordinates) not in (2, 3) or not all(_number(c) for c in coordinates):
            raise _malformed()
        lon, lat = coordinates[0], coordinates[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise DrawnGeometryError(
                _("Coordinates must be longitude and latitude in degrees (WGS84)."), "range"
            )
        return 1
    if not coordinates:
        raise _malformed()
    return sum(_check_positions(c, depth - 1) for c in coordinates)


DEPTH = {"Point": 0, "LineString": 1, "Polygon": 2}


def clean_drawn(
    value: Any, *, kinds: Collection[str], max_vertices: int, kind_message: str = ""
) -> Drawn | None:
    """The tidy geometry of `value` (one of `kinds`: "Point", "LineString", "Polygon"), None when
    `value` is empty, or DrawnGeometryError."""
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        if len(value) > MAX_CHARS:
            raise DrawnGeometryError(
                _(
                    "The geometry is too large (%(size)d characters of GeoJSON, at most %(max)d). "
                    "Draw it with at most %(points)d points."
                )
                % {"size": len(value), "max": MAX_CHARS, "points": max_vertices},
                "too_large",
            )
        try:
            value = loads_geojson(value)
        except MalformedJSON as exc:
            raise _malformed() from exc
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict):
        raise _malformed()
    kind = value.get("type")
    if kind not in kinds or kind not in DEPTH:
        raise DrawnGeometryError(kind_message or _("This kind of geometry is not taken here."), "kind")
    vertices = _check_positions(value.get("coordinates"), DEPTH[kind])
    if vertices > max_vertices:
        raise DrawnGeometryError(
            _("The geometry has too many points: %(count)d, at most %(max)d. Draw it with fewer points.")
            % {"count": vertices, "max": max_vertices},
            "too_large",
        )
    if kind == "Polygon" and any(len(ring) < 4 for ring in value["coordinates"]):
        raise DrawnGeometryError(_("An area needs at least three corners."), "malformed")
    try:
        geom = to_shape({"type": kind, "coordinates": value["coordinates"]})
    except GeometryError as exc:
        raise _malformed() from exc
    if geom.is_empty:
        raise DrawnGeometryError(_("The geometry is empty."), "empty")
    if isinstance(geom, Point):
        return Drawn(rounded_mapping(geom), geom)
    if isinstance(geom, LineString):
        if geom.length <= 0:
            raise DrawnGeometryError(_("A line needs at least two different points."), "empty")
        return Drawn(rounded_mapping(geom), geom)
    assert isinstance(geom, Polygon)
    if geom.is_valid and geom.area <= 0:  # (a crossed outline's parts can cancel out to 0)
        raise DrawnGeometryError(_("The area has no surface; draw at least three points apart."), "empty")
    try:
        cleaned = clean_geometry(value)
    except GeometryError as exc:
        raise DrawnGeometryError(
            _("The area has no surface; draw at least three points apart."), "empty"
        ) from exc
    if cleaned["type"] != "Polygon":
        raise DrawnGeometryError(
            _("The area's outline crosses itself. Draw it again so that the lines do not cross."),
            "self_intersection",
        )
    return Drawn(cleaned, to_shape(cleaned))
