"""`{% process_panel initiative %}`: the process panel on an initiative's page.

The panel loads what it needs itself (the run through `selectors.run_for`, the user's
permissions), so the initiative view passes nothing extra.
"""

from typing import Any

from django import template
from django.urls import reverse

from apps.processes import selectors
from apps.processes.forms import StartRunForm

register = template.Library()


@register.inclusion_tag("processes/includes/initiative_panel.html", takes_context=True)
def process_panel(context: template.Context, initiative: Any) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    hub = initiative.hub
    run = selectors.run_for(initiative)
    line = selectors.timeline(run) if run is not None else None
    can_start = bool(user is not None and run is None and user.has_perm("processes.start_run", initiative))
    if line is not None and user is not None:
        for phase in line.phases:
            phase.can_close = user.has_perm("processes.close_phase", phase)  # type: ignore[attr-defined]
            phase.can_override = user.has_perm("processes.override_gate", phase)  # type: ignore[attr-defined]
            for deliverable in phase.deliverables.all():
                deliverable.can_complete = user.has_perm(  # type: ignore[attr-defined]
                    "processes.complete_deliverable", deliverable
                )
    initial_key = "idea-follow-up" if getattr(initiative, "status", "") == "idea" else "stedskaping-6-6"
    return {
        "initiative": initiative,
        "hub": hub,
        "user": user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "run": run,
        "run_url": reverse("hubs:processes:run", args=[hub.slug, run.pk]) if run is not None else "",
        "line": line,
        "can_start": can_start,
        "start_form": StartRunForm(hub=hub, initial_key=initial_key) if can_start else None,
        "next": request.get_full_path() if request is not None else initiative.get_absolute_url(),
    }


@register.simple_tag
def linkable_events(run: Any) -> list[Any]:
    """Events a deliverable of `run` may point to: the initiative's own and the hub's."""
    from django.db.models import Q

    from apps.events.models import Event

    events = Event.objects.filter(hub_id=run.hub_id)
    if run.initiative_id:
        events = events.filter(
            Q(initiative_id=run.initiative_id) | Q(initiative__isnull=True, area__isnull=True)
        )
    return list(events.order_by("-starts_at")[:50])


@register.simple_tag
def linked_object_of(deliverable: Any) -> Any:
    """The object a deliverable points to (an event …), or None."""
    return deliverable.linked_object if deliverable.object_id else None


@register.filter
def role_label(role: str) -> str:
    from apps.processes.models import ActivityRole

    try:
        return str(ActivityRole(role).label)
    except ValueError:
        return role
