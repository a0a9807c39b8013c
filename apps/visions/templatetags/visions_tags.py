"""`{% vision_panel initiative %}`: the initiative page's panel with its vision's latest version."""

from typing import Any

from django import template

from apps.participation.spaces import Space
from apps.visions import selectors

register = template.Library()


@register.inclusion_tag("visions/includes/panel_body.html", takes_context=True)
def vision_panel(context: template.Context, initiative: Any, hub: Any = None) -> dict[str, Any]:
    hub = hub or initiative.hub
    space = Space(hub=hub, initiative=initiative)
    vision = selectors.latest_for_space(space=space)
    version = getattr(vision, "latest_version", None)
    endorsements = list(version.endorsements.all()) if version else []
    return {
        "hub": hub,
        "space": space,
        "vision": vision,
        "version": version,
        "endorsements": endorsements,
        "user": context.get("user"),
        "request": context.get("request"),
    }
