"""The role × action matrix: every cell checked against the rules, and against docs/roles.md.

EXPECTED is the table; each cell is one test. The last tests read the table in docs/roles.md
and require it to say exactly the same, so the documentation cannot drift from the code.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User
from tests.factories import HubFactory, MembershipFactory, OrganisationFactory, WorkingGroupFactory

ROLES = [
    "superuser",
    "steward",
    "network_lead",
    "board",
    "working_group_lead",
    "member",
    "partner_representative",
    "visitor",
    "anonymous",
    "steward_of_other_hub",
]

# Column headings in docs/roles.md, in the order of ROLES.
HEADINGS = {
    "Superuser": "superuser",
    "Steward": "steward",
    "Network lead": "network_lead",
    "Board": "board",
    "Working-group lead": "working_group_lead",
    "Member": "member",
    "Partner representative": "partner_representative",
    "Visitor": "visitor",
    "Anonymous": "anonymous",
    "Steward of another hub": "steward_of_other_hub",
}

Y, N = True, False

# fmt: off
# superuser, steward, network_lead, board, wg_lead, member, partner_rep, visitor, anonymous, other_steward
EXPECTED: dict[str, tuple[bool, ...]] = {
    "hubs.view_hub":                     (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "hubs.apply_membership":             (Y, N, N, N, N, N, Y, Y, N, Y),
    "hubs.apply_partnership":            (Y, Y, Y, Y, Y, Y, Y, Y, N, Y),
    "hubs.change_hub":                   (Y, Y, Y, N, N, N, N, N, N, N),
    "hubs.view_applications":            (Y, Y, Y, Y, N, N, N, N, N, N),
    "hubs.decide_application":           (Y, Y, Y, N, N, N, N, N, N, N),
    "hubs.assign_roles":                 (Y, Y, Y, N, N, N, N, N, N, N),
    "hubs.view_audit_log":               (Y, Y, Y, N, N, N, N, N, N, N),
    "hubs.add_working_group":            (Y, Y, Y, N, N, N, N, N, N, N),
    "hubs.change_working_group":         (Y, Y, Y, N, Y, N, N, N, N, N),
    "hubs.join_working_group":           (Y, Y, Y, Y, Y, Y, N, N, N, N),
    "organisations.change_organisation": (Y, N, N, N, N, N, Y, N, N, N),
    "accounts.manage_competences":       (Y, Y, Y, N, N, N, N, N, N, Y),
    "goals.view_goals":                  (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "goals.change_goals":                (Y, Y, Y, N, N, N, N, N, N, N),
    "goals.tag_object":                  (Y, Y, Y, N, N, N, N, N, N, N),
}
# fmt: on

CELLS = [
    pytest.param(role, perm, allowed, id=f"{role}-{perm}")
    for perm, row in EXPECTED.items()
    for role, allowed in zip(ROLES, row, strict=True)
]


@pytest.fixture
def cast(oslo, stella, nora, bob, walter, climate_group, mia, acme, petra, vic, sven, root):
    users = {
        "superuser": root,
        "steward": stella,
        "network_lead": nora,
        "board": bob,
        "working_group_lead": walter,
        "member": mia,
        "partner_representative": petra,
        "visitor": vic,
        "anonymous": AnonymousUser(),
        "steward_of_other_hub": sven,
    }
    return users, {"hub": oslo, "group": climate_group, "organisation": acme}


def target(perm: str, objects: dict):
    if perm == "accounts.manage_competences":
        return None
    if perm.startswith("organisations."):
        return objects["organisation"]
    if perm in {"hubs.change_working_group", "hubs.join_working_group"}:
        return objects["group"]
    return objects["hub"]


@pytest.mark.parametrize(("role", "perm", "allowed"), CELLS)
def test_the_matrix(cast, role, perm, allowed):
    users, objects = cast
    assert users[role].has_perm(perm, target(perm, objects)) is allowed


def test_an_office_in_one_hub_gives_no_power_in_another(oslo, stella, nora, sodertorn, sven):
    for user in (stella, nora):
        for perm in (
            "hubs.change_hub",
            "hubs.view_applications",
            "hubs.decide_application",
            "hubs.assign_roles",
            "hubs.view_audit_log",
        ):
            assert user.has_perm(perm, oslo)
            assert not user.has_perm(perm, sodertorn)
    group = WorkingGroupFactory(hub=sodertorn)
    assert sven.has_perm("hubs.change_working_group", group)
    assert not stella.has_perm("hubs.change_working_group", group)
    assert not stella.has_perm("hubs.join_working_group", group)


def test_a_pending_application_gives_no_office(oslo):
    hopeful = MembershipFactory(hub=oslo, status="pending", is_steward=True, is_network_lead=True).user
    assert not hopeful.has_perm("hubs.decide_application", oslo)
    assert not hopeful.has_perm("hubs.join_working_group", WorkingGroupFactory(hub=oslo))
    assert not hopeful.has_perm("accounts.manage_competences")


def test_a_closed_hub_takes_no_applications(oslo, vic, petra):
    oslo.accepts_members = False
    oslo.accepts_partners = False
    oslo.save()
    assert not vic.has_perm("hubs.apply_membership", oslo)
    assert not petra.has_perm("hubs.apply_partnership", oslo)


def test_a_representative_of_one_organisation_cannot_change_another(petra):
    assert not petra.has_perm("organisations.change_organisation", OrganisationFactory())


def test_an_inactive_superuser_has_no_powers(oslo):
    retired = User.objects.create_superuser(email="retired@example.org", password="x", is_active=False)
    assert not retired.has_perm("hubs.change_hub", oslo)
    assert not retired.has_perm("hubs.decide_application", HubFactory())


# docs/roles.md ------------------------------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
MARKS = {"✓": True, "–": False}


def documented_matrix() -> tuple[list[str], dict[str, tuple[bool, ...]]]:
    """The roles (columns) and the rows of the one table in docs/roles.md whose rows are permissions."""
    rows = [
        line.strip() for line in DOC.read_text(encoding="utf-8").splitlines() if line.strip().startswith("|")
    ]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    header = cells[0]
    roles = [HEADINGS[heading] for heading in header[1:]]
    matrix = {}
    for row in cells[1:]:
        if set("".join(row)) <= set("-: "):
            continue  # the |---|---| line
        perm = re.fullmatch(r"`([a-z_.]+)`", row[0])
        assert perm, f"docs/roles.md: a row should start with a `permission`, not {row[0]!r}"
        assert perm.group(1) not in matrix, f"docs/roles.md lists {perm.group(1)} twice"
        matrix[perm.group(1)] = tuple(MARKS[cell] for cell in row[1:])
    return roles, matrix


def test_the_documented_matrix_has_every_role_in_order():
    roles, _matrix = documented_matrix()
    assert roles == ROLES


def test_the_documented_matrix_says_what_the_rules_say():
    _roles, matrix = documented_matrix()
    assert matrix == EXPECTED


def test_every_role_and_action_in_the_matrix_is_explained():
    text = DOC.read_text(encoding="utf-8")
    for heading in HEADINGS:
        assert f"- **{heading}**:" in text, f"docs/roles.md does not explain the role {heading!r}"
    for perm in EXPECTED:
        assert f"- `{perm}`:" in text, f"docs/roles.md does not explain the action {perm!r}"
