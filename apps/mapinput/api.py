"""API for map input, under /api/v1/ (RFC 7946 GeoJSON, `application/geo+json`).

    GET /hubs/{hub_slug}/spaces/{space}/marks?bbox=minLon,minLat,maxLon,maxLat&zoom=12
    GET /hubs/{hub_slug}/spaces/{space}/marks?bbox=…&zoom=…&format=heat

The marks come as clusters (Point features with `cluster: true`, `count` and `categories`:
counts per category id) from a grid counted in SQL (apps.places.grid), or, when no more than
300 are in view, as single marks (their geometry, category, comment, photo URL). The answer is
bounded for any bbox and zoom: a bbox too wide for its zoom is clustered at a coarser one
(`cluster_zoom`), at most 400 clusters, and the clusters count the whole grid cells the bbox
touches (`bbox`).
`format=heat` gives a compact grid of weights instead. Hidden marks are never included.
Text is JSON-escaped and `<`, `>`, `&` are written as \\u escapes, so the body is inert
even if something treats it as HTML; the map draws it with `textContent`.
"""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.hubs import selectors as hub_selectors
from apps.mapinput import selectors
from apps.mapinput.selectors import MarkLayer
from apps.participation.spaces import space_from_key
from apps.places.geometry import GeometryError, parse_bbox

router = Router(tags=["mapinput"])

GEOJSON = "application/geo+json"


def _body(data: dict[str, Any], content_type: str) -> HttpResponse:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    response = HttpResponse(text.encode(), content_type=content_type)
    response["Cache-Control"] = "public, max-age=30"
    return response


def _features(layer: MarkLayer, photos: str) -> list[dict[str, Any]]:
    """The layer's features; a mark's photo is at `photos<pk>/photo/` (the view that checks
    who may see the mark)."""
    if layer.mode == "clusters":
        return [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(c.lon, 6), round(c.lat, 6)]},
                "properties": {
                    "cluster": True,
                    "count": c.count,
                    "categories": {str(k): v for k, v in sorted(c.by_category.items())},
                },
            }
            for c in layer.clusters
        ]
    return [
        {
            "type": "Feature",
            "id": m.pk,
            "geometry": m.geometry,
            "properties": {
                "cluster": False,
                "kind": m.kind,
                "category": m.category_id,
                "category_name": m.category.name,
                "colour": m.category.colour,
                "comment": m.comment,
                "photo": f"{photos}{m.pk}/photo/" if m.photo else None,
                "created": m.created.isoformat(),
            },
        }
        for m in layer.marks
    ]


@router.get(
    "/hubs/{hub_slug}/spaces/{space}/marks",
    response=answers(None, BAD_REQUEST, NOT_FOUND, INVALID),
    summary="A space's map marks as GeoJSON: clustered, single, or as a heat grid",
)
def list_marks(
    request: HttpRequest,
    hub_slug: str,
    space: str,
    bbox: str = "",
    zoom: int = Query(12, ge=0, le=22),
    format: str = Query("geojson", pattern="^(geojson|heat)$"),  # noqa: A002 - the query parameter's name
) -> HttpResponse:
    hub = hub_selectors.hub_get(slug=hub_slug)
    the_space = space_from_key(hub, space)
    box = None
    if bbox:
        try:
            box = parse_bbox(bbox)
        except GeometryError as exc:
            raise HttpError(400, f"{exc}.") from exc
    settings = selectors.settings_for(space=the_space)
    categories = (
        {c.pk: {"name": c.name, "colour": c.colour} for c in settings.categories.all()} if settings.pk else {}
    )
    if format == "heat":
        grid = selectors.heat_grid(settings=settings, bbox=box, zoom=zoom)
        return _body({"type": "HeatGrid", "zoom": zoom, **grid}, "application/json")
    layer = selectors.mark_layer(settings=settings, bbox=box, zoom=zoom)
    return _body(
        {
            "type": "FeatureCollection",
            "mode": layer.mode,
            "total": layer.total,
            "truncated": layer.truncated,
            # Clusters: the zoom they were made at and the cells they count (whole grid cells).
            **({"cluster_zoom": layer.zoom, "bbox": layer.bbox} if layer.mode == "clusters" else {}),
            "categories": {str(k): v for k, v in categories.items()},
            "features": _features(layer, reverse("hubs:mapinput:map", args=[hub.slug, the_space.key])),
        },
        GEOJSON,
    )
