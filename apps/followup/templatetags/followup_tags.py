"""`{% followup_panel initiative %}`: the follow-up panel on an initiative's page.

It loads what it shows itself (meetings, open action points, permissions), so the initiative
view passes nothing extra. Only the stewards, network lead, board and the initiative's team
see anything.
"""

from typing import Any

from django import template

from apps.followup import selectors
from apps.followup.models import Meeting

register = template.Library()


@register.inclusion_tag("followup/includes/panel_body.html", takes_context=True)
def followup_panel(context: template.Context, initiative: Any) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    visible = bool(user is not None and user.has_perm("followup.view_initiative", initiative))
    data: dict[str, Any] = {"initiative": initiative, "hub": initiative.hub, "user": user, "visible": visible}
    if visible:
        meetings = list(selectors.meetings_for(initiative=initiative))
        kinds = {m.kind for m in meetings}
        next_kind = next(
            (k for k in (Meeting.Kind.CLARIFICATION, Meeting.Kind.ADVISORY) if k not in kinds),
            Meeting.Kind.OTHER,
        )
        data.update(
            meetings=meetings,
            next_kind=next_kind,
            can_view_queue=bool(user and user.has_perm("followup.view_queue", initiative.hub)),
            tasks=list(selectors.tasks_for_initiative(initiative=initiative, open_only=True)),
            can_schedule=bool(user and user.has_perm("followup.schedule_meeting", initiative)),
        )
    return data
