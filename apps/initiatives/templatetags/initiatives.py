"""Template helpers for initiative pages."""

from django import template

register = template.Library()


@register.filter
def status_colour(status: str) -> str:
    """The Designsystemet colour of an initiative's or a permit's status."""
    return {
        "idea": "info",
        "active": "accent",
        "paused": "warning",
        "completed": "success",
        "stopped": "neutral",
        "not_applied": "neutral",
        "applied": "warning",
        "approved": "success",
        "rejected": "danger",
        "not_needed": "neutral",
    }.get(status, "neutral")
