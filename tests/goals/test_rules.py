"""Who may change goals and tag things, cell by cell (matrix in apps/goals/rules.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

ROLES = ["root", "stella", "nora", "bob", "walter", "mia", "petra", "vic", "anonymous", "sven"]
ALLOWED = {
    "goals.view_goals": set(ROLES),
    "goals.change_goals": {"root", "stella", "nora"},
    "goals.tag_object": {"root", "stella", "nora"},
}


@pytest.fixture
def cast(request, oslo, climate_group):
    def user(role):
        if role == "anonymous":
            return AnonymousUser()
        return request.getfixturevalue(role)

    return user


@pytest.mark.parametrize("perm", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(cast, oslo, climate, green_target, perm, role):
    user = cast(role)
    expected = role in ALLOWED[perm]
    assert user.has_perm(perm, oslo) is expected
    # Checked against a goal or local target, the answer is the same: the object's hub decides.
    assert user.has_perm(perm, climate) is expected
    assert user.has_perm(perm, green_target) is expected


def test_a_steward_of_another_hub_has_power_only_there(sven, oslo, sodertorn):
    assert sven.has_perm("goals.change_goals", sodertorn)
    assert sven.has_perm("goals.tag_object", sodertorn)
    assert not sven.has_perm("goals.change_goals", oslo)
    assert not sven.has_perm("goals.tag_object", oslo)
