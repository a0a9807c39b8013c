"""The demo's realisation camp: full and open shifts, and confirmed dugnad hours in the plan."""

import io
from decimal import Decimal

import pytest

from apps.funding.models import FundingSource
from apps.initiatives.models import Initiative, TeamMember
from apps.volunteers import demo
from apps.volunteers.models import HoursLog, Shift
from tests.factories import HubFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_seed_makes_the_camp_once():
    oslo = HubFactory(slug="oslo")
    lars = UserFactory(email="lars@oslo.demo")
    nadia = UserFactory(email="nadia@oslo.demo")
    for i in range(1, 41):
        UserFactory(email=f"resident{i:02d}@oslo.demo")
    initiative = Initiative.objects.create(
        hub=oslo, slug=demo.INITIATIVE, title="Grønn gårdsplass på Tøyen", owner=lars
    )
    TeamMember.objects.create(initiative=initiative, user=nadia, role="lead")
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert Shift.objects.count() == 7
    ahead = Shift.objects.filter(starts_at__gt=initiative.created_at)
    assert ahead.count() == 6
    assert sum(1 for s in ahead if s.is_full) == 3
    assert sum(1 for s in ahead if not s.is_full) == 3
    assert HoursLog.objects.filter(status="confirmed").count() == 4
    source = FundingSource.objects.get(budget__initiative=initiative, kind="volunteer_hours")
    assert source.actual_hours == Decimal("14.00")
