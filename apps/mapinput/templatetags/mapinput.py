"""`{% mapinput_initiative_panel initiative %}`: the count of an initiative's marks and a link to
its map, for the initiative page (mapinput/includes/initiative_panel.html). One query."""

from typing import Any

from django import template
from django.urls import reverse

from apps.mapinput import selectors

register = template.Library()


@register.inclusion_tag("mapinput/includes/initiative_panel_body.html")
def mapinput_initiative_panel(initiative: Any) -> dict[str, Any]:
    return {
        "count": selectors.mark_count(initiative=initiative),
        "url": reverse(
            "hubs:mapinput:map",
            kwargs={"hub_slug": initiative.hub.slug, "space_key": f"i-{initiative.slug}"},
        ),
    }
