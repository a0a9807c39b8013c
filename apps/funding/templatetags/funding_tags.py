"""`{% funding_panel initiative hub %}`: the initiative page's panel with the campaign's progress
and the budget's state, linking to both."""

from typing import Any

from django import template

from apps.funding import selectors

register = template.Library()


@register.inclusion_tag("funding/includes/panel_body.html", takes_context=True)
def funding_panel(context: template.Context, initiative: Any, hub: Any = None) -> dict[str, Any]:
    hub = hub or initiative.hub
    summary = selectors.budget_summary(selectors.budget_for(hub=hub, initiative=initiative))
    campaign = selectors.campaign_for(initiative=initiative)
    return {
        "hub": hub,
        "initiative": initiative,
        "summary": summary,
        "campaign": campaign,
        "totals": selectors.campaign_totals(campaign) if campaign else None,
        "user": context.get("user"),
        "request": context.get("request"),
    }
