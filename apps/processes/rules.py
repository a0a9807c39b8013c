"""Who may do what with processes (matrix tested in tests/processes/test_rules.py).

Objects: a Hub (copy a template, start the hub's own establishment run), an Initiative (start
its run), a ProcessTemplate (edit a hub's copy), a PhaseRun (close, reopen, override the gate)
and a Deliverable (complete it).

For an initiative's run, the initiative's owner and team members do the work together with
the hub's stewards and network lead; closing a phase whose required deliverables are still
open needs a steward or the network lead (and a recorded reason). The hub's own establishment
run (no initiative) belongs to its stewards and network lead. Superusers pass every check.
Offices are per hub: a steward of another hub has no power here.
"""

from typing import Any

import rules

from apps.hubs.rules import approved_membership, is_authenticated


def _run_of(obj: Any) -> Any:
    """The ProcessRun behind a run, phase or deliverable (None for anything else)."""
    from apps.processes.models import Deliverable, PhaseRun, ProcessRun

    if isinstance(obj, ProcessRun):
        return obj
    if isinstance(obj, PhaseRun):
        return obj.run
    if isinstance(obj, Deliverable):
        return obj.phase_run.run
    return None


def _phase_of(obj: Any) -> Any:
    from apps.processes.models import Deliverable, PhaseRun

    if isinstance(obj, PhaseRun):
        return obj
    if isinstance(obj, Deliverable):
        return obj.phase_run
    return None


def _hub_of(obj: Any) -> Any:
    from apps.hubs.models import Hub

    if obj is None:
        return None
    if isinstance(obj, Hub):
        return obj
    run = _run_of(obj)
    if run is not None:
        return run.hub
    return getattr(obj, "hub", None)


def _leads(user: Any, hub: Any) -> bool:
    membership = approved_membership(user, hub)
    return bool(membership and (membership.is_steward or membership.is_network_lead))


def is_team_member(user: Any, initiative: Any) -> bool:
    """The initiative's owner, or a member of its team (apps.initiatives.TeamMember, when it exists)."""
    if initiative is None or not getattr(user, "is_authenticated", False):
        return False
    if initiative.owner_id == user.pk:
        return True
    try:
        from apps.initiatives.models import TeamMember  # type: ignore[attr-defined]
    except ImportError:
        return False
    try:
        return bool(TeamMember.objects.filter(initiative_id=initiative.pk, user_id=user.pk).exists())
    except Exception:  # noqa: BLE001 - a TeamMember with another shape: fall back to the owner
        return False


@rules.predicate
def is_hub_lead(user: Any, obj: Any) -> bool:
    """Steward or network lead of the hub the object belongs to."""
    return _leads(user, _hub_of(obj))


@rules.predicate
def is_initiative_owner(user: Any, obj: Any) -> bool:
    from apps.initiatives.models import Initiative

    initiative = obj if isinstance(obj, Initiative) else getattr(_run_of(obj), "initiative", None)
    return bool(
        initiative is not None and getattr(user, "is_authenticated", False) and initiative.owner_id == user.pk
    )


@rules.predicate
def is_run_worker(user: Any, obj: Any) -> bool:
    """Does the work of a run: the initiative's owner and team (initiative runs only)."""
    run = _run_of(obj)
    if run is None or run.initiative_id is None:
        return False
    return is_team_member(user, run.initiative)


@rules.predicate
def is_hub_copy(user: Any, template: Any) -> bool:
    return bool(template is not None and template.hub_id is not None)


@rules.predicate
def phase_is_open(user: Any, obj: Any) -> bool:
    phase = _phase_of(obj)
    return bool(phase is not None and phase.status != "closed")


@rules.predicate
def phase_is_current(user: Any, obj: Any) -> bool:
    phase = _phase_of(obj)
    return bool(phase is not None and phase.status == "current")


@rules.predicate
def phase_is_closed(user: Any, obj: Any) -> bool:
    phase = _phase_of(obj)
    return bool(phase is not None and phase.status == "closed")


# Templates: `obj` is a Hub (copy) or a hub's ProcessTemplate (edit).
rules.add_perm("processes.view_template", rules.always_allow)
rules.add_perm("processes.copy_template", is_authenticated & is_hub_lead)
rules.add_perm("processes.change_template", is_authenticated & is_hub_copy & is_hub_lead)
# Starting: `obj` is an Initiative (its owner or the hub's leads) or a Hub (its establishment).
rules.add_perm("processes.start_run", is_authenticated & (is_initiative_owner | is_hub_lead))
# Running: `obj` is a Deliverable or a PhaseRun.
rules.add_perm("processes.view_run", rules.always_allow)
# Without regard to the phase's state (services check the state after locking the row).
rules.add_perm("processes.work_on_run", is_authenticated & (is_run_worker | is_hub_lead))
rules.add_perm("processes.lead_run", is_authenticated & is_hub_lead)
rules.add_perm(
    "processes.complete_deliverable", is_authenticated & phase_is_open & (is_run_worker | is_hub_lead)
)
rules.add_perm("processes.change_dates", is_authenticated & phase_is_open & (is_run_worker | is_hub_lead))
rules.add_perm("processes.close_phase", is_authenticated & phase_is_current & (is_run_worker | is_hub_lead))
rules.add_perm("processes.override_gate", is_authenticated & phase_is_current & is_hub_lead)
rules.add_perm("processes.reopen_phase", is_authenticated & phase_is_closed & is_hub_lead)
