"""Places on the area pages that apps above places fill (see apps.core.panels).

Each panel gets `hub=` and (on an area's page) `area=`.
"""

from apps.core.panels import Panels

# The map of all areas: buttons in the page header (knowledge adds "Explore data on the map").
AREAS_HEADER = Panels("places.areas.header")
# An area's page: buttons in the header (knowledge: "Decision brief"), sections of the main column
# (knowledge: "How it is doing") and panels of the side column (goals: the area's goal tags).
AREA_HEADER = Panels("places.area.header")
AREA_MAIN = Panels("places.area.main")
AREA_ASIDE = Panels("places.area.aside")

# The things an upper app gathers in an area (by geometry: see selectors.AreaScope) share this
# template: its context is `items_context(items)` ({title, url, meta} each) or None when empty.
AREA_ITEMS_TEMPLATE = "places/panels/area_items.html"
AREA_ITEMS_SHOWN = 20


def items_context(items: list[dict[str, str]]) -> dict[str, object] | None:
    """A panel's context for a list of things in an area: the first AREA_ITEMS_SHOWN and the
    total; None (no panel) when there are none."""
    if not items:
        return None
    return {"items": items[:AREA_ITEMS_SHOWN], "total": len(items)}
