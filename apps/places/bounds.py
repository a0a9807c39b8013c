"""Where a hub's places may lie: the one check for every longitude/latitude people give
(an initiative's place, an event, a map mark, a point answer in a survey).

A place must lie inside one of the hub's areas or inside the bounding box its stewards set
(`Hub.bounds`). A hub with neither falls back to its country's box (the one area uploads are
checked against, apps.places.upload.COUNTRY_BOXES); a hub in a country without a box takes any
place on the map. The message names the hub (or its country), so people know what "outside"
means.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from apps.hubs.models import Hub
from apps.places.models import Area
from apps.places.selectors import area_at_point
from apps.places.upload import COUNTRY_BOXES, country_name

Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def areas_box(hub: Hub) -> Box | None:
    """The bounding box of all the hub's areas, or None when it has none."""
    box = Area.objects.filter(hub=hub).aggregate(
        min_lon=Min("min_lon"), min_lat=Min("min_lat"), max_lon=Max("max_lon"), max_lat=Max("max_lat")
    )
    if any(v is None for v in box.values()):
        return None
    return box["min_lon"], box["min_lat"], box["max_lon"], box["max_lat"]


def _union(first: Box | None, second: Box | None) -> Box | None:
    if first is None or second is None:
        return first or second
    return (
        min(first[0], second[0]),
        min(first[1], second[1]),
        max(first[2], second[2]),
        max(first[3], second[3]),
    )


def _covers(box: Box, west: float, south: float, east: float, north: float) -> bool:
    return box[0] <= west and box[1] <= south and east <= box[2] and north <= box[3]


@dataclass(frozen=True)
class HubBounds:
    """What a hub's places are checked against: its areas (by their box, then their shapes),
    the stewards' box, or (neither) its country's box."""

    hub: Hub
    areas: Box | None
    stewards: Box | None
    country: Box | None

    @property
    def envelope(self) -> Box | None:
        """A box around everything allowed (for maps and quick checks), or None for anywhere."""
        if self.areas is None and self.stewards is None:
            return self.country
        return _union(self.areas, self.stewards)

    def contains(self, lon: float, lat: float) -> bool:
        if self.areas is None and self.stewards is None:
            return self.country is None or _covers(self.country, lon, lat, lon, lat)
        if self.stewards is not None and _covers(self.stewards, lon, lat, lon, lat):
            return True
        if self.areas is not None and _covers(self.areas, lon, lat, lon, lat):
            return area_at_point(hub=self.hub, lon=lon, lat=lat) is not None
        return False

    def message(self) -> str:
        if self.areas is None and self.stewards is None:
            return _(
                "The place lies outside %(country)s, where %(hub)s is. Choose a place inside the hub."
            ) % {
                "country": country_name(self.hub.country),
                "hub": self.hub.name,
            }
        return _("The place is outside the areas of %(hub)s. Choose a place inside the hub.") % {
            "hub": self.hub.name
        }


def hub_bounds(hub: Hub) -> HubBounds:
    return HubBounds(
        hub=hub, areas=areas_box(hub), stewards=hub.bounds, country=COUNTRY_BOXES.get(hub.country)
    )


def check_in_hub(
    hub: Hub,
    *,
    lon: float,
    lat: float,
    field: str,
    extent: Box | None = None,
    bounds: HubBounds | None = None,
) -> None:
    """A ValidationError on `field` (code "outside") unless the point lies inside the hub's
    areas or box. For a line or polygon give its representative point and its `extent` (its
    bounding box), which must lie inside the hub's envelope too."""
    bounds = bounds or hub_bounds(hub)
    inside = bounds.contains(lon, lat)
    envelope = bounds.envelope
    if inside and extent is not None and envelope is not None:
        inside = _covers(envelope, *extent)
    if not inside:
        raise ValidationError({field: ValidationError(bounds.message(), code="outside")})


def place_in_hub(hub: Hub, lon: Any, lat: Any) -> bool:
    """Whether a point lies inside the hub (for callers that word their own message)."""
    try:
        check_in_hub(hub, lon=float(lon), lat=float(lat), field="place")
    except ValidationError:
        return False
    return True
