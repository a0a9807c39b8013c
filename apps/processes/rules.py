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

from apps.hubs.rules import is_authenticated, is_hub_lead
from apps.initiatives.rules import in_team, is_initiative_owner


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


@rules.predicate
def is_run_worker(user: Any, obj: Any) -> bool:
    """Does the work of a run: the initiative's owner and team (initiative runs only)."""
    return in_team(user, _run_of(obj))


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
