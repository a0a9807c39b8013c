"""Area geometry: validate, repair and measure GeoJSON polygons with shapely.

Geometries are stored as GeoJSON geometry dicts in WGS84 longitude/latitude (RFC 7946):
Polygon or MultiPolygon, exterior rings counter-clockwise, holes clockwise, coordinates
rounded to 7 decimals (about a centimetre), so that cleaning the same input twice gives the
same dict and a re-import sees nothing changed.
"""

import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

STORED_DECIMALS = 7

Bbox = tuple[float, float, float, float]


class GeometryError(ValueError):
    """Geometry or geographic data that cannot be used; the message says why, for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# GeoJSON nests at most four arrays deep (a MultiPolygon's coordinates) inside one or two objects
# (a Feature, its geometry). Python's JSON parser has no depth limit and recurses, so a request of
# a thousand "[" would end in a RecursionError: the depth is counted before parsing.
MAX_JSON_DEPTH = 8


class MalformedJSON(ValueError):
    """Text that is not JSON, or JSON nested deeper than GeoJSON ever is."""


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in `text` (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads_geojson(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The parsed JSON of a geometry sent by a browser, or MalformedJSON: never a RecursionError."""
    if json_depth(text) > max_depth:
        raise MalformedJSON(f"nested deeper than {max_depth}")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MalformedJSON(str(exc)) from exc


def to_shape(geojson_geometry: Any) -> BaseGeometry:
    """A shapely geometry from a GeoJSON geometry dict, or GeometryError saying what is wrong."""
    if not isinstance(geojson_geometry, dict):
        raise GeometryError("the geometry is missing or is not a GeoJSON object")
    kind = geojson_geometry.get("type")
    if not isinstance(kind, str):
        raise GeometryError("the geometry has no type")
    try:
        geom = shape(geojson_geometry)
    except Exception as exc:
        raise GeometryError(f"the {kind} cannot be read ({exc})") from exc
    return geom


def _polygonal_parts(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if isinstance(geom, MultiPolygon):
        return [p for p in geom.geoms if not p.is_empty]
    if hasattr(geom, "geoms"):  # GeometryCollection (e.g. from make_valid)
        return [p for g in geom.geoms for p in _polygonal_parts(g)]
    return []


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(c), decimals) for c in value[:2]]
        return [_rounded(v, decimals) for v in value]
    return value


def rounded_mapping(geom: BaseGeometry, decimals: int = STORED_DECIMALS) -> dict[str, Any]:
    """The GeoJSON dict of a shapely geometry, with lists (not tuples) and rounded coordinates."""
    raw = mapping(geom)
    return {"type": raw["type"], "coordinates": _rounded(raw["coordinates"], decimals)}


def clean_geometry_with_report(geojson_geometry: Any) -> tuple[dict[str, Any], str]:
    """Like `clean_geometry`, and also the reason the input was invalid ("" when it was valid)."""
    geom = to_shape(geojson_geometry)
    if geom.is_empty:
        raise GeometryError(f"the {geom.geom_type} is empty")
    if not any(isinstance(g, (Polygon, MultiPolygon)) for g in _flatten(geom)):
        raise GeometryError(f"a {geom.geom_type} is not an area: a Polygon or MultiPolygon is needed")
    min_x, min_y, max_x, max_y = geom.bounds
    if not all(math.isfinite(v) for v in (min_x, min_y, max_x, max_y)):
        raise GeometryError("the geometry has coordinates that are not numbers")
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise GeometryError(
            f"coordinates ({min_x:g}, {min_y:g}) – ({max_x:g}, {max_y:g}) are not WGS84 longitude/latitude "
            "(RFC 7946); reproject the file to EPSG:4326 first"
        )
    reason = ""
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom)
    parts = [orient(p, sign=1.0) for p in _polygonal_parts(geom)]
    parts = [p for p in parts if p.area > 0]
    if not parts:
        raise GeometryError(f"the geometry has no area left after repair ({reason or 'degenerate'})")
    result: BaseGeometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return rounded_mapping(result), reason


def _flatten(geom: BaseGeometry) -> Iterable[BaseGeometry]:
    if isinstance(geom, (Polygon, MultiPolygon)) or not hasattr(geom, "geoms"):
        yield geom
    else:
        for g in geom.geoms:
            yield from _flatten(g)


def clean_geometry(geojson_geometry: Any) -> dict[str, Any]:
    """Validate a GeoJSON geometry, repair it (shapely.make_valid), keep only its polygonal parts
    and return a GeoJSON Polygon or MultiPolygon with RFC 7946 winding.

    Raises GeometryError with a reason people can act on when the input is unreadable, empty,
    not polygonal (a Point, a LineString) or not in longitude/latitude.
    """
    return clean_geometry_with_report(geojson_geometry)[0]


def _positions(coords: Any) -> Iterable[Sequence[float]]:
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _positions(c)


def bbox(geometry: dict[str, Any]) -> Bbox:
    """(min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry."""
    if geometry.get("type") == "GeometryCollection":
        boxes = [bbox(g) for g in geometry.get("geometries") or []]
        if not boxes:
            raise GeometryError("the geometry is empty")
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    xs: list[float] = []
    ys: list[float] = []
    for position in _positions(geometry.get("coordinates") or []):
        xs.append(position[0])
        ys.append(position[1])
    if not xs:
        raise GeometryError("the geometry is empty")
    return min(xs), min(ys), max(xs), max(ys)


def label_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """A point guaranteed to lie inside the area, for its label or marker: (lon, lat)."""
    point = to_shape(geometry).representative_point()
    return round(point.x, STORED_DECIMALS), round(point.y, STORED_DECIMALS)


def parse_bbox(text: str) -> Bbox:
    """`minLon,minLat,maxLon,maxLat` → a bounding box, or GeometryError saying what is wrong."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise GeometryError("bbox must be four numbers: minLon,minLat,maxLon,maxLat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError as exc:
        raise GeometryError("bbox must be four numbers: minLon,minLat,maxLon,maxLat") from exc
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise GeometryError("bbox must be four finite numbers")
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise GeometryError(
            "bbox must be minLon,minLat,maxLon,maxLat in degrees, with min ≤ max, "
            "longitudes in [-180, 180] and latitudes in [-90, 90]"
        )
    return min_lon, min_lat, max_lon, max_lat


def simplify_many(
    geometries: Sequence[dict[str, Any] | None], tolerance: float, decimals: int
) -> list[dict[str, Any] | None]:
    """Simplify the polygons of one level together, for maps.

    Areas of one level share their borders (they form a coverage), so they are simplified as a
    coverage (shapely.coverage_simplify) and stay gap- and overlap-free; if that fails (the
    areas overlap), each is simplified alone with preserve_topology. Coordinates are rounded.
    """
    present = [(i, g) for i, g in enumerate(geometries) if g]
    out: list[dict[str, Any] | None] = [None] * len(geometries)
    if not present:
        return out
    shapes = [to_shape(g) for _i, g in present]
    simplified: Sequence[BaseGeometry]
    if tolerance <= 0:
        simplified = shapes
    else:
        try:
            simplified = list(shapely.coverage_simplify(shapes, tolerance))
        except Exception:  # noqa: BLE001 - not a valid coverage: fall back to one by one
            simplified = []
        if len(simplified) != len(shapes) or any(g.is_empty or not g.is_valid for g in simplified):
            simplified = [g.simplify(tolerance, preserve_topology=True) for g in shapes]
    for (i, _g), geom in zip(present, simplified, strict=True):
        out[i] = rounded_mapping(geom, decimals)
    return out
