"""An initiative's place: parse and validate a GeoJSON Point or Polygon, and find its area in
the hub (the hub map's clusters are grouped in SQL: apps.places.grid).

Places are WGS84 longitude/latitude (RFC 7946). A polygon must be simple (no self-intersection):
it is refused rather than silently repaired, so that what is saved is what was drawn.
"""

from dataclasses import dataclass
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.hubs.models import Hub
from apps.places.bounds import areas_box, check_in_hub
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
    return areas_box(hub)


def locate(hub: Hub, value: Any) -> Place | None:
    """Validate a place for `hub`: its point (a polygon's representative point) and its area.

    The place must lie inside the hub's areas or its stewards' box, or (neither) its country
    (apps.places.bounds, the one check); the area is the one the point lies in, if any."""
    geometry = parse_place(value)
    if geometry is None:
        return None
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"]
        extent = None
    else:
        lon, lat = label_point(geometry)
        extent = tuple(shapely.bounds(to_shape(geometry)).tolist())
    check_in_hub(hub, lon=lon, lat=lat, extent=extent, field="place")  # type: ignore[arg-type]
    area = area_at_point(hub=hub, lon=lon, lat=lat)
    return Place(geometry=geometry, lon=lon, lat=lat, area=area)
