"""Demo areas for the Oslo hub: the municipality and its 15 districts (bydeler) from
data/oslo-bydeler/bydeler.geojson (schematic outlines drawn for the project; see its README).
Called by seed_demo before the initiatives, so Oslo's initiatives fall in a district.

Idempotent: areas are matched by code, so a second run changes nothing."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings

from apps.hubs.models import Hub
from apps.places import services

OSLO_DISTRICTS = Path(settings.BASE_DIR) / "data" / "oslo-bydeler" / "bydeler.geojson"


def oslo_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The municipality's row and the districts' rows, for `services.areas_upsert`."""
    collection = json.loads(OSLO_DISTRICTS.read_text(encoding="utf-8"))
    rows = [
        {
            "code": f["properties"]["code"],
            "name": f["properties"]["name"],
            "parent_code": f["properties"]["parent_code"],
            "geometry": f["geometry"],
        }
        for f in collection["features"]
    ]
    return [r for r in rows if not r["parent_code"]], [r for r in rows if r["parent_code"]]


def seed_oslo(hub: Hub) -> tuple[int, int]:
    """Oslo's two levels (municipality, district) and their areas; returns (created, updated)."""
    levels = services.area_levels_ensure(
        hub=hub, levels=[("kommune", "Kommune", "Kommuner"), ("bydel", "Bydel", "Bydeler")]
    )
    municipality, districts = oslo_rows()
    top = services.areas_upsert(hub=hub, level=levels["kommune"], rows=municipality)
    low = services.areas_upsert(hub=hub, level=levels["bydel"], rows=districts)
    if top.created or top.updated or low.created or low.updated:
        services.neighbours_compute(hub=hub, level=levels["bydel"])
    return top.created + low.created, top.updated + low.updated


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    if hub is None or not OSLO_DISTRICTS.is_file():
        return
    created, updated = seed_oslo(hub)
    stdout.write(f"  places: Oslo's districts ({created} created, {updated} updated)")
