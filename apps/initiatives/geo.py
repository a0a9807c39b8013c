"""An initiative's place: parse and validate a GeoJSON Point or Polygon, and find its area in
the hub (the hub map's clusters are grouped in SQL: apps.places.grid).

Places are WGS84 longitude/latitude (RFC 7946). A polygon must be simple (no self-intersection):
it is refused rather than silently repaired, so that what is saved is what was drawn.
"""

from dataclasses import dataclass
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from apps.hubs.models import Hub
from apps.places.drawn import DrawnGeometryError, clean_drawn
from apps.places.geometry import label_point, to_shape
from apps.places.models import Area
from apps.places.selectors import area_at_point

MAX_VERTICES = 2_000


@dataclass
class Place:
    geometry: dict[str, Any]
    lon: float
    lat: float
    area: Area | None


def _error(message: str, code: str) -> ValidationError:
    return ValidationError({"place": ValidationError(message, code=code)})


def parse_place(value: Any) -> dict[str, Any] | None:
    """A GeoJSON geometry dict (Point or Polygon) from a dict or JSON text, or None when empty.
    A Feature is accepted and its geometry taken (apps.places.drawn, the one check for drawn
    geometry). Raises ValidationError on the field "place"."""
    try:
        drawn = clean_drawn(
            value,
            kinds={"Point", "Polygon"},
            max_vertices=MAX_VERTICES,
            kind_message=_("The place must be a point or a polygon."),
        )
    except DrawnGeometryError as exc:
        raise _error(exc.message, exc.code) from exc
    return drawn.geometry if drawn is not None else None


def hub_bbox(hub: Hub) -> tuple[float, float, float, float] | None:
    """The bounding box of all the hub's areas, or None when it has none."""
    box = Area.objects.filter(hub=hub).aggregate(
        min_lon=Min("min_lon"), min_lat=Min("min_lat"), max_lon=Max("max_lon"), max_lat=Max("max_lat")
    )
    if any(v is None for v in box.values()):
        return None
    return box["min_lon"], box["min_lat"], box["max_lon"], box["max_lat"]


def locate(hub: Hub, value: Any) -> Place | None:
    """Validate a place for `hub`: its point (a polygon's representative point) and its area.

    If the hub has areas, the place must lie inside their bounding box and the point inside one
    of them; a hub without areas accepts any valid place."""
    geometry = parse_place(value)
    if geometry is None:
        return None
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"]
        bounds = (lon, lat, lon, lat)
    else:
        lon, lat = label_point(geometry)
        bounds = tuple(shapely.bounds(to_shape(geometry)).tolist())
    box = hub_bbox(hub)
    if box is None:
        return Place(geometry=geometry, lon=lon, lat=lat, area=None)
    outside = _("The place is outside the areas of %(hub)s. Choose a place inside the hub.") % {
        "hub": hub.name
    }
    if bounds[0] < box[0] or bounds[1] < box[1] or bounds[2] > box[2] or bounds[3] > box[3]:
        raise _error(outside, "outside")
    area = area_at_point(hub=hub, lon=lon, lat=lat)
    if area is None:
        raise _error(outside, "outside")
    return Place(geometry=geometry, lon=lon, lat=lat, area=area)
