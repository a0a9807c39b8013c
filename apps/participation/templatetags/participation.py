"""Template helpers for ideas: how an author is named, and the initiative page's ideas panel."""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from apps.participation import selectors
from apps.participation.spaces import Space

register = template.Library()


@register.filter
def author_name(author: Any, viewer: Any = None) -> str:
    """An author's name if they show a public profile; "you" for the viewer; else "A resident"."""
    if author is None:
        return _("Deleted account")
    if viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.pk == author.pk:
        return _("You")
    return author.display_name if author.has_public_profile else _("A resident")


@register.inclusion_tag("participation/includes/initiative_panel_body.html", takes_context=True)
def initiative_ideas(context: template.Context, initiative: Any) -> dict[str, Any]:
    """The three most supported ideas of an initiative with the space's counts (two queries)."""
    space = Space(hub=initiative.hub, initiative=initiative)
    return {
        "space": space,
        "hub": initiative.hub,
        "initiative": initiative,
        "top": selectors.top_ideas(space=space, limit=3),
        "counts": selectors.space_counts(space=space),
        "user": context.get("user"),
        "request": context.get("request"),
    }
