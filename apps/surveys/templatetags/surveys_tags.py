"""Template tags for surveys: the panel on an initiative's page."""

from typing import Any

from django import template

from apps.surveys import selectors

register = template.Library()


@register.inclusion_tag("surveys/includes/initiative_panel_body.html", takes_context=True)
def initiative_surveys(context: template.Context, initiative: Any) -> dict[str, Any]:
    """Open surveys and votes of the initiative (with Answer/Vote buttons), and finished ones
    with links to their results; organisers also get links to start new ones."""
    user = context.get("user")
    hub = context.get("hub") or initiative.hub
    panel = selectors.initiative_panel(initiative=initiative)
    can_create = bool(user is not None and user.has_perm("surveys.add_survey", initiative_space(initiative)))
    return {
        "hub": hub,
        "initiative": initiative,
        "user": user,
        "open_items": panel["open"],
        "finished_items": panel["finished"],
        "can_create": can_create,
        "space_key": f"i-{initiative.slug}",
    }


def initiative_space(initiative: Any) -> Any:
    from apps.participation.spaces import Space

    return Space(hub=initiative.hub, initiative=initiative)
