"""Permissions of several apps asked about one user object in one request agree with the role
matrix whatever the order they are asked in.

Each app used to keep its own per-request cache of "is this user in the initiative's team?",
some under the same attribute with different meanings, so the answer to one app's question
depended on which app had asked before. Now the team (apps.initiatives.rules) and the hub's
offices (apps.hubs.rules) are each answered in one place, cached under one namespace each.
"""

import itertools

import pytest

from apps.accounts.models import User
from apps.initiatives import services
from apps.initiatives.models import TeamMember
from apps.participation.spaces import Space
from tests.factories import UserFactory

Y, N = True, False

# (permission, object): "initiative" or "space" (the initiative's participation space).
CHECKS = [
    ("initiatives.change_initiative", "initiative"),
    ("initiatives.manage_team", "initiative"),
    ("initiatives.post_update", "initiative"),
    ("initiatives.manage_permits", "initiative"),
    ("surveys.add_survey", "space"),
    ("visions.add_vision", "space"),
    ("events.add_event", "space"),
    ("participation.moderate", "space"),
    ("followup.add_task", "initiative"),
    ("processes.start_run", "initiative"),
]

# The role matrix (docs/roles.md and each app's rules module), one column per check above.
MATRIX = {
    "owner": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "project_lead": (Y, N, Y, Y, Y, Y, Y, Y, Y, N),
    "team_member": (N, N, Y, Y, Y, Y, Y, Y, Y, N),
    "steward": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "member": (N, N, N, N, N, N, N, N, N, N),
    "visitor": (N, N, N, N, N, N, N, N, N, N),
    "steward_elsewhere": (N, N, N, N, N, N, N, N, N, N),
}


@pytest.fixture
def cast(oslo, stella, mia, vic, sven):
    owner = UserFactory(email="olga@example.org")
    initiative = services.initiative_submit(
        hub=oslo, actor=owner, title="Grønn gårdsplass", summary="A green courtyard", description=""
    )
    lead, member = UserFactory(email="lena@example.org"), UserFactory(email="tom@example.org")
    TeamMember.objects.create(initiative=initiative, user=lead, role="lead")
    TeamMember.objects.create(initiative=initiative, user=member, role="member")
    people = {
        "owner": owner,
        "project_lead": lead,
        "team_member": member,
        "steward": stella,
        "member": mia,
        "visitor": vic,
        "steward_elsewhere": sven,
    }
    objects = {"initiative": initiative, "space": Space(hub=oslo, initiative=initiative)}
    return people, objects


def ask(user, index, objects):
    permission, target = CHECKS[index]
    return user.has_perm(permission, objects[target])


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MATRIX))
def test_each_check_alone_agrees_with_the_matrix(cast, role):
    people, objects = cast
    answers = tuple(ask(User.objects.get(pk=people[role].pk), i, objects) for i in range(len(CHECKS)))
    assert answers == MATRIX[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MATRIX))
def test_every_ordered_pair_on_one_user_object_agrees_with_the_matrix(cast, role):
    """Whatever one app asked first and cached, the next app's answer is its own."""
    people, objects = cast
    wrong = []
    for first, second in itertools.permutations(range(len(CHECKS)), 2):
        user = User.objects.get(pk=people[role].pk)
        answers = (ask(user, first, objects), ask(user, second, objects))
        expected = (MATRIX[role][first], MATRIX[role][second])
        if answers != expected:
            wrong.append(f"{CHECKS[first][0]} then {CHECKS[second][0]}: {answers} != {expected}")
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MATRIX))
def test_all_checks_in_forward_and_reverse_order_on_one_user_object(cast, role):
    people, objects = cast
    for order in (range(len(CHECKS)), reversed(range(len(CHECKS)))):
        user = User.objects.get(pk=people[role].pk)
        indices = list(order)
        answers = {i: ask(user, i, objects) for i in indices}
        assert tuple(answers[i] for i in range(len(CHECKS))) == MATRIX[role]
