"""`{% events_panel initiative %}`: the initiative page's panel with its coming events."""

from typing import Any

from django import template

from apps.events import selectors
from apps.participation.spaces import Space

register = template.Library()


@register.inclusion_tag("events/includes/panel_body.html", takes_context=True)
def events_panel(context: template.Context, initiative: Any, hub: Any = None) -> dict[str, Any]:
    hub = hub or initiative.hub
    space = Space(hub=hub, initiative=initiative)
    user = context.get("user")
    return {
        "hub": hub,
        "space": space,
        "events": selectors.upcoming_for_space(space=space, user=user),
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
