"""Reads for the establishment pages (H2), in a fixed number of queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, QuerySet
from django.utils import timezone

from apps.establishment.models import Invitation
from apps.events.models import Event
from apps.hubs.models import Hub
from apps.places.models import Area
from apps.processes import selectors as process_selectors
from apps.processes.selectors import Timeline

HUB_AREA_CODE = "hub-area"


@dataclass
class Guide:
    hub: Hub
    run: Any
    line: Timeline | None


def guide(*, hub: Hub, user: Any) -> Guide:
    """The hub's establishment run as three steps, each deliverable with what fulfils it and
    what `user` may do (as on processes' run page)."""
    run = process_selectors.establishment_run(hub=hub)
    if run is None:
        return Guide(hub=hub, run=None, line=None)
    line = process_selectors.timeline(run)
    for phase in line.phases:
        phase.can_close = user.has_perm("processes.close_phase", phase)  # type: ignore[attr-defined]
        phase.can_override = user.has_perm("processes.override_gate", phase)  # type: ignore[attr-defined]
        phase.can_reopen = user.has_perm("processes.reopen_phase", phase) and not any(  # type: ignore[attr-defined]
            p.status == "closed" and p.position > phase.position for p in line.phases
        )
        for deliverable in phase.deliverables.all():
            deliverable.can_complete = (  # type: ignore[attr-defined]
                getattr(deliverable, "fulfilment", None) is None
                and user.has_perm("processes.complete_deliverable", deliverable)
            )
    return Guide(hub=hub, run=run, line=line)


def hub_area(*, hub: Hub) -> Area | None:
    return Area.objects.filter(hub=hub, code=HUB_AREA_CODE).first()


def exploratory_meetings(*, hub: Hub) -> QuerySet[Event]:
    """The hub's coming exploratory meetings, soonest first (what invitations can be sent for)."""
    return Event.objects.filter(hub=hub, kind=Event.Kind.EXPLORATORY, starts_at__gt=timezone.now()).order_by(
        "starts_at", "pk"
    )


def invitations(*, hub: Hub) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(hub=hub)
        .select_related("event", "event__hub")
        .order_by("-invited_at", "email")
    )


COUNTRY_CENTRES = {"NO": ([59.91, 10.75], 6), "SE": ([59.33, 18.07], 6)}


def map_center(*, hub: Hub) -> tuple[list[float], int]:
    """Where the drawing map starts ([lat, lon], zoom): the middle of the hub's events with a
    place (its exploratory meeting, usually), else the country's capital."""
    mean = Event.objects.filter(hub=hub, lat__isnull=False, lon__isnull=False).aggregate(
        lat=Avg("lat"), lon=Avg("lon")
    )
    if mean["lat"] is not None:
        return [mean["lat"], mean["lon"]], 12
    centre, zoom = COUNTRY_CENTRES.get(hub.country, COUNTRY_CENTRES["NO"])
    return list(centre), zoom
