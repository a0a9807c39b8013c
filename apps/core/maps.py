"""The base map every map page shares: where its tiles come from and whom to credit.

Pages pass `**map_tiles()` into the JSON their map script reads (`tileUrl`, `tileAttribution`),
so a hub that runs its own tile server changes one setting (MAP_TILE_URL, MAP_TILE_ATTRIBUTION).
"""

from django.conf import settings


def map_tiles() -> dict[str, str]:
    return {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION}
