from datetime import timedelta
from decimal import Decimal

import pytest

from apps.funding import services
from apps.funding.models import Budget, Campaign
from apps.initiatives.models import Initiative, TeamMember
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def olga(oslo):
    """The owner of the courtyard initiative (an ordinary member)."""
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def tom(oslo):
    """In the courtyard's team with the role member."""
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def courtyard(oslo, olga, tom):
    initiative = Initiative.objects.create(hub=oslo, slug="courtyard", title="Green courtyard", owner=olga)
    TeamMember.objects.create(initiative=initiative, user=olga, role=TeamMember.Role.OWNER)
    TeamMember.objects.create(initiative=initiative, user=tom, role=TeamMember.Role.MEMBER)
    return initiative


@pytest.fixture
def budget(oslo, courtyard):
    return Budget.objects.create(hub=oslo, initiative=courtyard)


@pytest.fixture
def full_budget(budget, olga):
    """Costs 10 000, fully funded by the municipality."""
    services.cost_line_add(
        budget=budget, actor=olga, description="Planks", category="materials", planned="10000"
    )
    services.source_add(budget=budget, actor=olga, kind="municipal", description="Bydel", planned="10000")
    return budget


@pytest.fixture
def campaign(oslo, courtyard, olga, full_budget) -> Campaign:
    """An open all-or-nothing campaign for 5 000 with a deadline a week ahead."""
    created = services.campaign_create(
        initiative=courtyard, actor=olga, goal=Decimal("5000"), deadline=oslo.today() + timedelta(days=7)
    )
    return services.campaign_open(campaign=created, actor=olga)
