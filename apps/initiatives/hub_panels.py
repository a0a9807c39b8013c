"""What the initiatives app adds to a hub's front page: the newest initiatives, with a map."""

from typing import Any

from django.urls import reverse

from apps.core.maps import map_tiles
from apps.initiatives import selectors
from apps.initiatives.models import Initiative

NEWEST = 3


def newest(*, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    """The newest initiatives as cards, and the map config for all of them (None when the hub
    has none yet: the "take part" links invite the first)."""
    items = selectors.decorate(selectors.initiative_list(hub=hub)[:NEWEST])
    if not items:
        return None
    has_places = Initiative.objects.filter(hub=hub, place__isnull=False).exists()
    config = (
        {**map_tiles(), "geojsonUrl": reverse("api:list_initiatives", args=[hub.slug])}
        if has_places
        else None
    )
    return {"initiatives": items, "map_data": config}


def can_submit(*, hub: Any, user: Any, **kwargs: Any) -> bool:
    return bool(user.has_perm("initiatives.submit_initiative", hub))
