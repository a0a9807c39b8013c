"""Area pages: the map of a hub's areas and one area's page (its place in the hierarchy, its
neighbours, and its profile: how it is doing and changing, next to its parent and the hub)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from apps.core.maps import map_tiles
from apps.core.pagination import paginate
from apps.hubs import selectors as hub_selectors
from apps.places import panels, selectors
from apps.places.models import Area

LIST_PAGE_SIZE = 100


def _feature(area: Area, role: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": area.code,
        "properties": {"code": area.code, "name": area.name, "role": role},
        "geometry": area.geometry,
    }


def area_map(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """A map of one level of the hub's areas (from the areas API) and every area as a list."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    levels = list(selectors.area_levels(hub=hub))
    slug = request.GET.get("level", "")
    level = next((lv for lv in levels if lv.slug == slug), levels[0] if levels else None)
    status = 400 if slug and (level is None or level.slug != slug) else 200
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.areas_for_list(hub=hub, query=query), per_page=LIST_PAGE_SIZE)
    return render(
        request,
        "places/area_map.html",
        {
            "hub": hub,
            "levels": levels,
            "level": level,
            "page": page,
            "q": query,
            "bad_level": slug if status == 400 else "",
            "header": panels.AREAS_HEADER.render_list(hub=hub),
            "map_data": {
                "areasUrl": f"/api/v1/hubs/{hub.slug}/areas?level={level.slug}&tolerance=0.0002"
                if level
                else "",
                "areaUrl": reverse("hubs:places:area", args=[hub.slug, "__code__"]),
                **map_tiles(),
            },
        },
        status=status,
    )


def area_detail(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    """An area: where it sits, its neighbours, a small map, and its profile over the years."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    area = selectors.area_get(hub=hub, code=code)
    neighbours = list(area.neighbours.all())
    features = [_feature(n, "neighbour") for n in neighbours if n.geometry]
    if area.geometry:
        features.append(_feature(area, "area"))
    return render(
        request,
        "places/area_detail.html",
        {
            "hub": hub,
            "area": area,
            "children": list(area.children.all()),
            "neighbours": neighbours,
            "header": panels.AREA_HEADER.render_list(hub=hub, area=area),
            # Worked out only when its cached HTML (under the hub's version) is missing. Not the
            # aside: the goals panel there shows stewards a form.
            "main": SimpleLazyObject(lambda: panels.AREA_MAIN.render_list(hub=hub, area=area)),
            "aside": panels.AREA_ASIDE.render_list(hub=hub, area=area),
            "map_data": {
                "features": {"type": "FeatureCollection", "features": features},
                "areaUrl": reverse("hubs:places:area", args=[hub.slug, "__code__"]),
                **map_tiles(),
            },
        },
    )
