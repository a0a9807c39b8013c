"""An area a person uploads (GeoJSON or TopoJSON) or draws in the browser: the one check.

`read_area(text, country=…)` takes the file's text (or the drawn GeoJSON) and returns the area as
one tidy GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude (RFC 7946), or raises
`AreaFileError(message, code)` with a translated message people can act on:

- not_json: the file is not JSON text;
- not_geo: JSON, but neither GeoJSON nor TopoJSON (or broken TopoJSON);
- kind: no Polygon/MultiPolygon in it (points and lines are not areas);
- projected: the coordinates are metres in a projected system (e.g. EPSG:25833), or the file
  declares a coordinate system other than WGS84;
- range: coordinates outside longitude/latitude ranges that do not look projected either;
- self_intersection: an outline crosses itself (shapely's `is_valid`, with where);
- outside_country: the area is not inside the hub's country (its bounding box);
- too_large / empty.

Nothing is repaired silently: what is saved is what was drawn or uploaded, rounded to 7 decimals
and with RFC 7946 winding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from apps.places import topojson
from apps.places.geometry import GeometryError, MalformedJSON, loads_geojson, rounded_mapping

MAX_BYTES = 5 * 1024 * 1024
MAX_VERTICES = 100_000
MAX_DEPTH = 10

# Countries a hub can be in (Hub.country), as (min lon, min lat, max lon, max lat) of the
# mainland with its coast and islands (Svalbard and Jan Mayen are not hub country).
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "NO": (4.0, 57.75, 31.3, 71.3),
    "SE": (10.5, 55.0, 24.2, 69.1),
}
WGS84_NAMES = re.compile(r"(?:EPSG::?4326|CRS84|WGS\s*84)\s*$", re.IGNORECASE)


class AreaFileError(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class UploadedArea:
    geometry: dict[str, Any]  # the tidy GeoJSON geometry to store
    name: str  # a name found in the file ("" if none)
    vertices: int  # corners (a ring's closing position is not counted again)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return shape(self.geometry).bounds  # type: ignore[no-any-return]


def country_name(code: str) -> str:
    return {"NO": _("Norway"), "SE": _("Sweden")}.get(code, code)


def _not_geo() -> AreaFileError:
    return AreaFileError(
        _("The file is neither GeoJSON nor TopoJSON. Upload a .geojson or .topojson file, or draw the area."),
        "not_geo",
    )


def _declared_crs(data: dict[str, Any]) -> str:
    """The coordinate system a (pre-RFC 7946) GeoJSON file names in its "crs" member, or ""."""
    crs = data.get("crs")
    if not isinstance(crs, dict):
        return ""
    properties = crs.get("properties")
    name = properties.get("name") if isinstance(properties, dict) else None
    return str(name) if isinstance(name, str) else ""


def _features(data: Any) -> list[dict[str, Any]]:
    """The features (or bare geometries, as features) of a GeoJSON or TopoJSON document."""
    if not isinstance(data, dict):
        raise _not_geo()
    kind = data.get("type")
    if kind == "Topology":
        try:
            return (
                topojson.decode(data)
                if len(data.get("objects") or {}) <= 1
                else [f for name in data["objects"] for f in topojson.decode(data, name)]
            )
        except (GeometryError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise AreaFileError(
                _("The TopoJSON file cannot be read: %(reason)s.") % {"reason": exc}, "not_geo"
            ) from exc
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise _not_geo()
        return [f for f in features if isinstance(f, dict)]
    if kind == "Feature":
        return [data]
    if kind in ("Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString"):
        return [{"type": "Feature", "geometry": data, "properties": {}}]
    if kind == "GeometryCollection" and isinstance(data.get("geometries"), list):
        return [{"type": "Feature", "geometry": g, "properties": {}} for g in data["geometries"]]
    raise _not_geo()


def _positions(coordinates: Any) -> list[tuple[float, float]]:
    """Every position of a geometry's coordinates; AreaFileError when one is not two numbers."""
    out: list[tuple[float, float]] = []
    stack = [coordinates]
    while stack:
        item = stack.pop()
        if not isinstance(item, list) or not item:
            raise _not_geo()
        if all(isinstance(c, int | float) and not isinstance(c, bool) for c in item):
            if len(item) < 2 or not all(math.isfinite(c) for c in item):
                raise _not_geo()
            out.append((float(item[0]), float(item[1])))
        else:
            stack.extend(item)
        if len(out) > MAX_VERTICES:
            raise AreaFileError(
                _("The area is too detailed (more than %(count)s corners). Simplify it first.")
                % {"count": MAX_VERTICES},
                "too_large",
            )
    return out


def _projected(positions: list[tuple[float, float]]) -> bool:
    """Coordinates that look like metres (eastings/northings), not degrees."""
    return any(abs(x) > 360 or abs(y) > 360 for x, y in positions)


def _where(reason: str) -> str:
    """shapely's "Self-intersection[10.41 59.27]" as "10.41, 59.27" (or "")."""
    found = re.search(r"\[([-\d.eE]+)\s+([-\d.eE]+)\]", reason)
    if not found:
        return ""
    return f"{float(found.group(2)):.5f}, {float(found.group(1)):.5f}"


def read_area(text: str | bytes, *, country: str) -> UploadedArea:
    """Check an uploaded or drawn area and return it tidy, or raise AreaFileError (see above)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise AreaFileError(
                _("The file is too large. The largest allowed is %(size)d MB.")
                % {"size": MAX_BYTES // (1024 * 1024)},
                "too_large",
            )
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AreaFileError(
                _("The file is not a text file with JSON. Upload a GeoJSON or TopoJSON file."), "not_json"
            ) from exc
    if len(text) > MAX_BYTES:
        raise AreaFileError(
            _("The file is too large. The largest allowed is %(size)d MB.")
            % {"size": MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    if not text.strip():
        raise AreaFileError(_("The file is empty."), "empty")
    try:
        data = loads_geojson(text, max_depth=MAX_DEPTH)
    except MalformedJSON as exc:
        raise AreaFileError(
            _("The file is not valid JSON, so it cannot be GeoJSON or TopoJSON."), "not_json"
        ) from exc
    declared = _declared_crs(data) if isinstance(data, dict) else ""
    if declared and not WGS84_NAMES.search(declared):
        raise AreaFileError(
            _(
                "The file is in another coordinate system (%(crs)s). Export it in WGS84 longitude/latitude "
                "(EPSG:4326) and upload it again."
            )
            % {"crs": declared},
            "projected",
        )
    features = _features(data)
    polygons: list[Polygon] = []
    name = ""
    other_kinds: set[str] = set()
    all_positions: list[tuple[float, float]] = []
    for feature in features:
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            other_kinds.add(str(kind))
            continue
        positions = _positions(geometry.get("coordinates"))
        all_positions.extend(positions)
        if len(all_positions) > MAX_VERTICES:
            raise AreaFileError(
                _("The area is too detailed (more than %(count)s corners). Simplify it first.")
                % {"count": MAX_VERTICES},
                "too_large",
            )
        rings = (
            geometry["coordinates"] if kind == "Polygon" else [r for p in geometry["coordinates"] for r in p]
        )
        if any(not isinstance(ring, list) or len(ring) < 4 for ring in rings):
            raise AreaFileError(_("An area needs at least three corners."), "empty")
        try:
            geom: BaseGeometry = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            raise _not_geo() from exc
        polygons.extend([geom] if isinstance(geom, Polygon) else list(geom.geoms))
        properties = feature.get("properties")
        if not name and isinstance(properties, dict):
            for key in ("name", "navn", "namn", "NAME", "Name"):
                if isinstance(properties.get(key), str) and properties[key].strip():
                    name = properties[key].strip()[:200]
                    break
    if not polygons:
        if other_kinds:
            raise AreaFileError(
                _("The file holds %(kinds)s, not an area. An area is a Polygon or a MultiPolygon.")
                % {"kinds": ", ".join(sorted(other_kinds))},
                "kind",
            )
        raise AreaFileError(_("The file holds no area."), "empty")
    if _projected(all_positions):
        raise AreaFileError(
            _(
                "The coordinates are metres in a projected coordinate system (such as EPSG:25833, UTM zone "
                "33N), not longitude and latitude. Export the file in WGS84 (EPSG:4326) and upload it again."
            ),
            "projected",
        )
    if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in all_positions):
        raise AreaFileError(_("Coordinates must be longitude and latitude in degrees (WGS84)."), "range")
    for polygon in polygons:
        if not polygon.is_valid:
            reason = shapely.is_valid_reason(polygon)
            where = _where(reason)
            if where:
                message = _(
                    "The area's outline crosses itself (near latitude, longitude %(where)s). Fix it so "
                    "that the lines do not cross, and upload or draw it again."
                ) % {"where": where}
            else:
                message = _("The area's outline crosses itself. Fix it so that the lines do not cross.")
            raise AreaFileError(message, "self_intersection")
        if polygon.area <= 0:
            raise AreaFileError(_("The area has no surface; draw at least three points apart."), "empty")
    merged = shapely.unary_union(polygons)
    parts = [
        p
        for p in ([merged] if isinstance(merged, Polygon) else list(getattr(merged, "geoms", [])))
        if isinstance(p, Polygon)
    ]
    if not parts:
        raise AreaFileError(_("The area has no surface; draw at least three points apart."), "empty")
    result: BaseGeometry = (
        orient(parts[0], 1.0) if len(parts) == 1 else MultiPolygon([orient(p, 1.0) for p in parts])
    )
    box = COUNTRY_BOXES.get(country)
    if box is not None:
        min_x, min_y, max_x, max_y = result.bounds
        if min_x < box[0] or min_y < box[1] or max_x > box[2] or max_y > box[3]:
            inside = (
                min_x >= -180
                and box[0] <= (min_x + max_x) / 2 <= box[2]
                and box[1] <= (min_y + max_y) / 2 <= box[3]
            )
            raise AreaFileError(
                (
                    _(
                        "Part of the area lies outside %(country)s, the hub's country. "
                        "Keep the area inside it."
                    )
                    if inside
                    else _(
                        "The area lies outside %(country)s, the hub's country. Check that the file has "
                        "longitude before latitude, and that it is the right area."
                    )
                )
                % {"country": country_name(country)},
                "outside_country",
            )
    geometry = rounded_mapping(result)
    polygons_out = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    corners = sum(len(ring) - 1 for polygon in polygons_out for ring in polygon)
    return UploadedArea(geometry=geometry, name=name, vertices=corners)
