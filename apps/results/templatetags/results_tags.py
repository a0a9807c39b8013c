"""`{% results_panel initiative hub %}`: the initiative page's panel with its results and progress."""

from typing import Any

from django import template

from apps.participation.spaces import Space
from apps.results import selectors
from apps.results.rules import is_manager

register = template.Library()


@register.inclusion_tag("results/includes/panel_body.html", takes_context=True)
def results_panel(context: template.Context, initiative: Any, hub: Any = None) -> dict[str, Any]:
    hub = hub or initiative.hub
    user = context.get("user")
    results = selectors.results_for(hub=hub, initiative=initiative, user=user)
    latest = selectors.latest_report(initiative=initiative)
    return {
        "hub": hub,
        "space": Space(hub=hub, initiative=initiative),
        "results": results,
        "latest": latest,
        "final": latest
        if latest is not None and latest.is_final
        else selectors.final_report(initiative=initiative),
        "can_manage": bool(user) and is_manager(user, initiative),
        "user": user,
        "request": context.get("request"),
    }
