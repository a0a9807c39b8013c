"""What fulfils each deliverable of a hub's establishment (H2): the real things in the hub.

Registered with `apps.processes.fulfilment` in `EstablishmentConfig.ready()`, by deliverable key
(the keys of apps/processes/library/new-hub.yaml). Each answers for the hub's own establishment
run only (an initiative's run with a deliverable of the same key is left to its marks), in a
fixed number of queries.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.agreements.models import Agreement
from apps.establishment.models import Invitation
from apps.events.models import Event, Registration
from apps.funding.models import Budget
from apps.funding.selectors import budget_summary
from apps.governance.models import Ballot, Candidate
from apps.hubs.models import ApplicationStatus, Hub, Partnership
from apps.places.models import Area
from apps.processes.fulfilment import Fulfilment
from apps.visions.models import Endorsement, Vision, VisionVersion

MIN_STARTUP_PARTNERS = 2
MIN_VISION_PARTNERS = 2


def _hub_run(fulfiller: Callable[[Hub], Fulfilment]) -> Callable[[Any], Fulfilment | None]:
    def answer(run: Any) -> Fulfilment | None:
        if run.initiative_id is not None:
            return None
        return fulfiller(run.hub)

    answer.__name__ = fulfiller.__name__
    answer.__doc__ = fulfiller.__doc__
    return answer


def _date(value: Any, hub: Hub) -> str:
    return formats.date_format(timezone.localtime(value, hub.zone), "DATE_FORMAT")


def meeting_held(hub: Hub) -> Fulfilment:
    """An exploratory meeting of the hub that has taken place."""
    events = Event.objects.filter(hub=hub, kind=Event.Kind.EXPLORATORY)
    held = (
        events.filter(ends_at__lte=timezone.now())
        .annotate(going=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
        .order_by("-starts_at")
        .first()
    )
    if held is not None:
        return Fulfilment(
            done=True,
            summary=ngettext(
                "Held %(date)s: %(title)s, %(count)d registered",
                "Held %(date)s: %(title)s, %(count)d registered",
                held.going,
            )
            % {"date": _date(held.starts_at, hub), "title": held.title, "count": held.going},
            url=held.get_absolute_url(),
        )
    coming = events.order_by("starts_at").first()
    if coming is not None:
        return Fulfilment(
            done=False,
            summary=_("Planned %(date)s: %(title)s")
            % {"date": _date(coming.starts_at, hub), "title": coming.title},
            url=coming.get_absolute_url(),
            action_url=reverse("hubs:establishment:meeting", args=[hub.slug]),
            action_label=_("Invitation and programme"),
        )
    return Fulfilment(
        done=False,
        summary=_("No exploratory meeting planned yet."),
        action_url=reverse("hubs:events:create", args=[hub.slug, "hub"]),
        action_label=_("Plan the meeting (an event of the kind “Exploratory meeting”)"),
    )


def invitations_sent(hub: Hub) -> Fulfilment:
    """Invitations sent from the establishment page."""
    count = Invitation.objects.filter(hub=hub).count()
    return Fulfilment(
        done=count > 0,
        summary=ngettext("%(count)d person invited", "%(count)d people invited", count) % {"count": count},
        action_url=reverse("hubs:establishment:meeting", args=[hub.slug]),
        action_label=_("Send invitations"),
    )


def hub_area(hub: Hub) -> Fulfilment:
    """The hub's area, drawn or uploaded (any area of the hub with a boundary)."""
    count = Area.objects.filter(hub=hub, geometry__isnull=False).count()
    return Fulfilment(
        done=count > 0,
        summary=(
            ngettext("%(count)d area drawn", "%(count)d areas drawn", count) % {"count": count}
            if count
            else _("No area drawn yet.")
        ),
        url=reverse("hubs:places:map", args=[hub.slug]) if count else "",
        action_url=reverse("hubs:establishment:area", args=[hub.slug]),
        action_label=_("Draw or upload the area") if not count else _("Draw or upload it again"),
    )


def startup_partners(hub: Hub) -> Fulfilment:
    """Approved partnerships: at least two start-up partners."""
    count = Partnership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED).count()
    return Fulfilment(
        done=count >= MIN_STARTUP_PARTNERS,
        summary=ngettext(
            "%(count)d approved partnership (at least %(needed)d needed)",
            "%(count)d approved partnerships (at least %(needed)d needed)",
            count,
        )
        % {"count": count, "needed": MIN_STARTUP_PARTNERS},
        url=reverse("hubs:partners", args=[hub.slug]),
        action_url=reverse("hubs:applications", args=[hub.slug]),
        action_label=_("Decide partner applications"),
    )


def shared_vision(hub: Hub) -> Fulfilment:
    """A vision of the whole hub whose latest version is endorsed by at least two of its partners."""
    latest = VisionVersion.objects.filter(vision=OuterRef("pk")).order_by("-number").values("pk")[:1]
    visions = list(
        Vision.objects.filter(hub=hub, initiative__isnull=True, area__isnull=True)
        .exclude(status=Vision.Status.DRAFTING)
        .annotate(latest_version=Subquery(latest))
    )
    partners = Partnership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED).values(
        "organisation_id"
    )
    rows = list(
        Endorsement.objects.filter(version_id__in=[v.latest_version for v in visions if v.latest_version])
        .values("version_id")
        .annotate(
            total=Count("organisation", distinct=True),
            by_partners=Count("organisation", filter=Q(organisation_id__in=partners), distinct=True),
        )
        .values_list("version_id", "total", "by_partners")
    )
    totals = {version: total for version, total, _partners in rows}
    counts = {version: by_partners for version, _total, by_partners in rows}
    best = max(visions, key=lambda v: (counts.get(v.latest_version, 0), v.pk), default=None)
    if best is None:
        return Fulfilment(
            done=False,
            summary=_("No vision for the whole hub is open for endorsement yet."),
            action_url=reverse("hubs:visions:space", args=[hub.slug, "hub"]),
            action_label=_("Write the shared vision"),
        )
    by_partners = counts.get(best.latest_version, 0)
    total = totals.get(best.latest_version, 0)
    return Fulfilment(
        done=by_partners >= MIN_VISION_PARTNERS,
        summary=ngettext(
            "“%(title)s”: endorsed by %(count)d organisation, %(partners)d of them partners",
            "“%(title)s”: endorsed by %(count)d organisations, %(partners)d of them partners",
            total,
        )
        % {"title": best.title, "count": total, "partners": by_partners},
        url=best.get_absolute_url(),
        action_url=best.get_absolute_url(),
        action_label=_("Ask the partners to endorse it"),
    )


def cooperation_agreement(hub: Hub) -> Fulfilment:
    """An agreement of the hub (not of an initiative) signed by every party."""
    agreements = Agreement.objects.filter(hub=hub, initiative__isnull=True)
    signed = (
        agreements.filter(status=Agreement.Status.SIGNED)
        .select_related("signed_version")
        .annotate(party_count=Count("parties", distinct=True))
        .order_by("-signed_at")
        .first()
    )
    if signed is not None:
        return Fulfilment(
            done=True,
            summary=ngettext(
                "“%(title)s”: signed by its %(count)d party, version %(number)d",
                "“%(title)s”: signed by all %(count)d parties, version %(number)d",
                signed.party_count,
            )
            % {
                "title": signed.title,
                "count": signed.party_count,
                "number": signed.signed_version.number if signed.signed_version else 1,
            },
            url=signed.get_absolute_url(),
        )
    draft = agreements.order_by("-updated_at").first()
    if draft is not None:
        return Fulfilment(
            done=False,
            summary=_("“%(title)s”: %(status)s")
            % {"title": draft.title, "status": draft.get_status_display()},
            url=draft.get_absolute_url(),
            action_url=draft.get_absolute_url(),
            action_label=_("Go on with the agreement"),
        )
    return Fulfilment(
        done=False,
        summary=_("No cooperation agreement yet."),
        action_url=reverse("hubs:agreements:create", args=[hub.slug]),
        action_label=_("Draft the cooperation agreement"),
    )


def board_elected(hub: Hub) -> Fulfilment:
    """An election at a general meeting of the hub, closed with its seats filled."""
    elected = (
        Candidate.objects.filter(ballot=OuterRef("pk"), elected=True)
        .values("ballot")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ballot = (
        Ballot.objects.filter(meeting__hub=hub, kind=Ballot.Kind.ELECTION, status=Ballot.Status.CLOSED)
        .annotate(elected_count=Subquery(elected))
        .filter(elected_count__gt=0)
        .order_by("-closed_at")
        .first()
    )
    if ballot is not None:
        return Fulfilment(
            done=True,
            summary=ngettext(
                "%(title)s: %(count)d elected %(date)s",
                "%(title)s: %(count)d elected %(date)s",
                ballot.elected_count,
            )
            % {"title": ballot.title, "count": ballot.elected_count, "date": _date(ballot.closed_at, hub)},
            url=reverse("hubs:governance:list", args=[hub.slug]),
        )
    return Fulfilment(
        done=False,
        summary=_("No board elected yet."),
        action_url=reverse("hubs:governance:manage", args=[hub.slug]),
        action_label=_("Plan the general meeting and the election"),
    )


def financing_plan(hub: Hub) -> Fulfilment:
    """The hub's budget with costs and at least one funding source."""
    budget = Budget.objects.filter(hub=hub, initiative__isnull=True).select_related("hub").first()
    action = reverse("hubs:funding:hub_budget", args=[hub.slug])
    if budget is None:
        return Fulfilment(
            done=False,
            summary=_("No budget for the hub yet."),
            action_url=action,
            action_label=_("Make the budget"),
        )
    summary = budget_summary(budget)
    done = bool(summary.lines) and bool(summary.sources)
    return Fulfilment(
        done=done,
        summary=(
            _("Budget with sources covering %(percent)d %% of its costs")
            % {"percent": summary.percent_funded}
            if done
            else _("The budget needs both costs and funding sources.")
        ),
        url=action,
        action_url=action,
        action_label=_("Work on the budget"),
    )


FULFILLERS: dict[str, Callable[[Any], Fulfilment | None]] = {
    "meeting-held": _hub_run(meeting_held),
    "invitations-sent": _hub_run(invitations_sent),
    "hub-area": _hub_run(hub_area),
    "startup-partners": _hub_run(startup_partners),
    "shared-vision": _hub_run(shared_vision),
    "cooperation-agreement": _hub_run(cooperation_agreement),
    "leadership-board": _hub_run(board_elected),
    "financing-plan": _hub_run(financing_plan),
}
