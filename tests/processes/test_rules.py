"""Who may do what with a process: roles × actions × phase state (coming, current, closed).

olga owns the initiative; tim is on its team (when apps.initiatives has TeamMember); stella
and nora lead the hub; bob (board) and mia (member) have no say over someone else's
initiative; vic is a visitor; sven is a steward of another hub and has no power here.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.processes import services
from tests.processes.conftest import TODAY, phase

pytestmark = pytest.mark.django_db

ROLES = ["root", "stella", "nora", "olga", "bob", "mia", "vic", "sven", "anonymous"]

# action → the roles allowed, per phase state.
RUN_ACTIONS = {
    "processes.complete_deliverable": {
        "upcoming": {"root", "stella", "nora", "olga"},
        "current": {"root", "stella", "nora", "olga"},
        "closed": {"root"},
    },
    "processes.change_dates": {
        "upcoming": {"root", "stella", "nora", "olga"},
        "current": {"root", "stella", "nora", "olga"},
        "closed": {"root"},
    },
    "processes.close_phase": {
        "upcoming": {"root"},
        "current": {"root", "stella", "nora", "olga"},
        "closed": {"root"},
    },
    "processes.override_gate": {
        "upcoming": {"root"},
        "current": {"root", "stella", "nora"},
        "closed": {"root"},
    },
    "processes.reopen_phase": {
        "upcoming": {"root"},
        "current": {"root"},
        "closed": {"root", "stella", "nora"},
    },
}

# For the hub's own establishment run only its leads (and superusers) act.
HUB_RUN_ACTIONS = {
    "processes.complete_deliverable": {"current": {"root", "stella", "nora"}},
    "processes.close_phase": {"current": {"root", "stella", "nora"}},
    "processes.override_gate": {"current": {"root", "stella", "nora"}},
}


@pytest.fixture
def people(root, stella, nora, olga, bob, mia, vic, sven):
    return {
        "root": root,
        "stella": stella,
        "nora": nora,
        "olga": olga,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "sven": sven,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def phases_by_state(run, stella):
    services.phase_close(phase_run=phase(run, 0), actor=stella, reason="For the test")
    return {"closed": phase(run, 0), "current": phase(run, 1), "upcoming": phase(run, 2)}


@pytest.mark.parametrize("action", sorted(RUN_ACTIONS))
@pytest.mark.parametrize("state", ["upcoming", "current", "closed"])
def test_initiative_run_matrix(people, phases_by_state, action, state):
    target = phases_by_state[state]
    if action == "processes.complete_deliverable":
        target = target.deliverables.first()
    allowed = {role for role in ROLES if people[role].has_perm(action, target)}
    assert allowed == RUN_ACTIONS[action][state]


@pytest.mark.parametrize("action", sorted(HUB_RUN_ACTIONS))
def test_establishment_run_matrix(people, library, oslo, stella, action):
    run = services.process_start(hub=oslo, template=library["new-hub"], starts_on=TODAY, actor=stella)
    target = phase(run, 0)
    if action == "processes.complete_deliverable":
        target = target.deliverables.first()
    allowed = {role for role in ROLES if people[role].has_perm(action, target)}
    assert allowed == HUB_RUN_ACTIONS[action]["current"]


def test_start_matrix(people, initiative, oslo):
    assert {r for r in ROLES if people[r].has_perm("processes.start_run", initiative)} == {
        "root",
        "stella",
        "nora",
        "olga",
    }
    assert {r for r in ROLES if people[r].has_perm("processes.start_run", oslo)} == {"root", "stella", "nora"}


def test_template_matrix(people, library, oslo, stella):
    assert {r for r in ROLES if people[r].has_perm("processes.copy_template", oslo)} == {
        "root",
        "stella",
        "nora",
    }
    copy = services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    assert {r for r in ROLES if people[r].has_perm("processes.change_template", copy)} == {
        "root",
        "stella",
        "nora",
    }
    # A library template is nobody's to edit but a superuser's (who passes every check).
    assert {r for r in ROLES if people[r].has_perm("processes.change_template", library["new-hub"])} == {
        "root"
    }


def test_a_team_member_works_on_the_run_when_initiatives_has_teams(people, run, olga):
    try:
        from apps.initiatives.models import TeamMember  # type: ignore[attr-defined]
    except ImportError:
        pytest.skip("apps.initiatives has no TeamMember yet: the owner alone works on the run")
    tim = people["mia"]
    fields = {f.name for f in TeamMember._meta.get_fields()}
    assert {"initiative", "user"} <= fields
    TeamMember.objects.create(initiative=run.initiative, user=tim)
    assert tim.has_perm("processes.complete_deliverable", phase(run, 0).deliverables.first())
    assert not tim.has_perm("processes.override_gate", phase(run, 0))
