"""Template helpers for initiative pages.

`{% include_if_exists "processes/includes/initiative_panel.html" initiative=initiative %}` renders
a template another app provides, or nothing when that app (or template) is not there yet. With
`provider="dotted.path.to.function"`, the function (an inclusion tag's function, called as
`function(context, **kwargs)`) supplies the template's context when it can be imported.
"""

import importlib
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _provider(path: str) -> Any:
    module_name, _sep, name = path.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


@register.simple_tag(takes_context=True)
def include_if_exists(context: template.Context, name: str, provider: str = "", **kwargs: Any) -> SafeString:
    try:
        found = get_template(name)
    except template.TemplateDoesNotExist:
        return mark_safe("")
    function = _provider(provider) if provider else None
    values: dict[str, Any] = (
        function(context, **kwargs) if function is not None else {**context.flatten(), **kwargs}  # type: ignore[dict-item]
    )
    return mark_safe(found.render(values, context.get("request")))  # noqa: S308 - a rendered template


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
