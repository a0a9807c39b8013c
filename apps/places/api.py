"""API for places, under /api/v1/: a hub's areas as GeoJSON (RFC 7946, `application/geo+json`).

    GET /hubs/{hub_slug}/areas?level=&bbox=minLon,minLat,maxLon,maxLat&tolerance=0.001
    GET /hubs/{hub_slug}/areas/at?lon=&lat=&level=
    GET /hubs/{hub_slug}/areas/{code}

Feature ids are the areas' codes. Lists are simplified for maps: the areas of one level are
simplified together, so neighbours keep one shared border with no gaps; `tolerance` is in
degrees (0 = as stored). Coordinates are rounded to 5 decimals (about a metre) in lists.
"""

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.hubs import selectors as hub_selectors
from apps.places import selectors
from apps.places.geometry import GeometryError, parse_bbox, simplify_many
from apps.places.models import Area

router = Router(tags=["places"])

GEOJSON = "application/geo+json"
DEFAULT_TOLERANCE = 0.001
MAX_TOLERANCE = 0.05
LIST_DECIMALS = 5
DETAIL_DECIMALS = 6
CACHE_SECONDS = 24 * 3600


def _geojson(data: dict[str, Any], status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body.encode(), content_type=GEOJSON, status=status)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _check_level(hub: Any, level: str) -> None:
    if level and not selectors.area_levels(hub=hub).filter(slug=level).exists():
        known = ", ".join(selectors.area_levels(hub=hub).values_list("slug", flat=True)) or "none"
        raise HttpError(400, f"Unknown level {level[:40]!r}. This hub's levels: {known}.")


def _detail_feature(area: Area, tolerance: float) -> dict[str, Any]:
    geometry = simplify_many([area.geometry], tolerance, DETAIL_DECIMALS)[0]
    feature: dict[str, Any] = {"type": "Feature", "id": area.code}
    if area.min_lon is not None:
        feature["bbox"] = [area.min_lon, area.min_lat, area.max_lon, area.max_lat]
    feature["geometry"] = geometry
    feature["properties"] = {
        "code": area.code,
        "name": area.name,
        "level": area.level.slug,
        "level_name": area.level.label,
        "parent": area.parent.code if area.parent else None,
        "parent_name": area.parent.name if area.parent else None,
        "label": [area.label_lon, area.label_lat] if area.label_lon is not None else None,
        "children": [c.code for c in area.children.all()],
        "neighbours": [n.code for n in area.neighbours.all()],
        "attributes": area.attributes,
    }
    return feature


@router.get(
    "/hubs/{hub_slug}/areas",
    response=answers(None, BAD_REQUEST, NOT_FOUND, INVALID),
    summary="A hub's areas as a GeoJSON FeatureCollection",
)
def list_areas(
    request: HttpRequest,
    hub_slug: str,
    level: str = "",
    bbox: str = "",
    tolerance: float = Query(DEFAULT_TOLERANCE, ge=0, le=MAX_TOLERANCE),
) -> HttpResponse:
    """Areas of the hub (of one level; overlapping a bbox `minLon,minLat,maxLon,maxLat`), with
    geometry simplified at `tolerance` degrees (0 to 0.05; 0 = as stored)."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    _check_level(hub, level)
    # Simplifying a thousand shapes takes a while; the result is cached until the areas change
    # (every import bumps its level's version, which is part of the key).
    versions = ",".join(f"{s}:{v}" for s, v in selectors.area_levels(hub=hub).values_list("slug", "version"))
    key = (
        "areas-geojson:"
        + hashlib.sha256(f"{hub.pk}|{versions}|{level}|{bbox}|{tolerance!r}".encode()).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        body = _area_collection(hub, level, bbox, tolerance)
        cache.set(key, body, timeout=CACHE_SECONDS)
    response = HttpResponse(body, content_type=GEOJSON)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _area_collection(hub: Any, level: str, bbox: str, tolerance: float) -> bytes:
    if bbox:
        try:
            box = parse_bbox(bbox)
        except GeometryError as exc:
            raise HttpError(400, f"{exc}.") from exc
        qs = selectors.areas_in_bbox(hub=hub, bbox=box, level=level)
    else:
        qs = selectors.areas_for_hub(hub=hub, level=level)
    rows = list(qs.values_list("code", "name", "level__slug", "parent__code", "geometry"))
    decimals = LIST_DECIMALS if tolerance >= 0.0001 else DETAIL_DECIMALS
    by_level: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_level.setdefault(row[2], []).append(i)
    geometries: list[Any] = [None] * len(rows)
    for indexes in by_level.values():
        simplified = simplify_many([rows[i][4] for i in indexes], tolerance, decimals)
        for i, geometry in zip(indexes, simplified, strict=True):
            geometries[i] = geometry
    features = [
        {
            "type": "Feature",
            "id": code,
            "geometry": geometry,
            "properties": {"code": code, "name": name, "level": level_slug, "parent": parent},
        }
        for (code, name, level_slug, parent, _g), geometry in zip(rows, geometries, strict=True)
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False
    ).encode()


@router.get(
    "/hubs/{hub_slug}/areas/at",
    response=answers(None, BAD_REQUEST, NOT_FOUND, INVALID),
    summary="The deepest area at a point, as a GeoJSON Feature",
)
def get_area_at(
    request: HttpRequest,
    hub_slug: str,
    lon: float = Query(..., ge=-180, le=180),
    lat: float = Query(..., ge=-90, le=90),
    level: str = "",
    tolerance: float = Query(0, ge=0, le=MAX_TOLERANCE),
) -> HttpResponse:
    hub = hub_selectors.hub_get(slug=hub_slug)
    _check_level(hub, level)
    found = selectors.area_at_point(hub=hub, lon=lon, lat=lat, level=level)
    if found is None:
        raise HttpError(404, "No area of this hub contains that point.")
    area = selectors.area_get(hub=hub, code=found.code)
    return _geojson(_detail_feature(area, tolerance))


@router.get(
    "/hubs/{hub_slug}/areas/{code}",
    response=answers(None, NOT_FOUND, INVALID),
    summary="One area as a GeoJSON Feature, with children and neighbours",
)
def get_area(
    request: HttpRequest,
    hub_slug: str,
    code: str,
    tolerance: float = Query(0, ge=0, le=MAX_TOLERANCE),
) -> HttpResponse:
    hub = hub_selectors.hub_get(slug=hub_slug)
    area = selectors.area_get(hub=hub, code=code)
    return _geojson(_detail_feature(area, tolerance))
