"""The role table of apps/funding/rules.py, cell by cell, incl. a steward of another hub."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.funding.models import Budget

pytestmark = pytest.mark.django_db

ROLES = ["stella", "nora", "bob", "mia", "vic", "anonymous", "tom", "olga", "sven"]
TABLE = {
    "funding.view_budget": ROLES,
    "funding.change_budget": ["stella", "nora", "tom", "olga"],
    "funding.manage_campaign": ["stella", "nora", "tom", "olga"],
    "funding.pledge": ["stella", "nora", "bob", "mia", "vic", "tom", "olga", "sven"],
    "funding.manage_grants": ["stella", "nora", "tom", "olga"],
}


@pytest.fixture
def people(request, courtyard):
    found = {role: request.getfixturevalue(role) for role in ROLES if role != "anonymous"}
    found["anonymous"] = AnonymousUser()
    return found


@pytest.mark.parametrize("perm", sorted(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_cell(people, courtyard, perm, role):
    assert people[role].has_perm(perm, courtyard) is (role in TABLE[perm])


@pytest.mark.parametrize("role", ROLES)
def test_a_funding_object_answers_like_its_initiative(people, courtyard, oslo, role):
    budget = Budget(hub=oslo, initiative=courtyard)
    assert people[role].has_perm("funding.change_budget", budget) is (role in TABLE["funding.change_budget"])


@pytest.mark.parametrize("role", ROLES)
def test_a_hub_budget_is_edited_by_its_leads_only(people, oslo, role):
    budget = Budget(hub=oslo, initiative=None)
    assert people[role].has_perm("funding.change_budget", budget) is (role in ("stella", "nora"))
