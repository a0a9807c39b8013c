"""The funding demo: a full financing plan and a running, viable campaign; idempotent."""

import io
from decimal import Decimal

import pytest

from apps.funding import demo, selectors
from apps.funding.models import Campaign, CostLine, FundingSource, Pledge
from apps.initiatives.models import Initiative
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_seed_twice(oslo):
    oslo.hourly_rate = Decimal("450.00")
    oslo.save()
    owner = UserFactory(email="nadia@oslo.demo")
    for email in ("member@oslo.demo", "erik@oslo.demo", "sofie@oslo.demo", "board@oslo.demo"):
        UserFactory(email=email)
    OrganisationFactory(name="Grønn Gårdsplass AS")
    OrganisationFactory(name="Tøyen Nabolagsforening")
    initiative = Initiative.objects.create(
        hub=oslo, slug=demo.INITIATIVE, title="Pollinatorpassasje", owner=owner
    )
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert (CostLine.objects.count(), FundingSource.objects.count(), Pledge.objects.count()) == (5, 5, 5)
    summary = selectors.budget_summary(selectors.budget_for(hub=oslo, initiative=initiative))
    assert summary.is_complete and summary.planned_costs == Decimal("35250.50")
    campaign = Campaign.objects.get()
    assert campaign.status == "open"
    assert selectors.viability(initiative=initiative, summary=summary).passes
    totals = selectors.campaign_totals(campaign)
    assert (totals.pledged, totals.matched, totals.total) == (
        Decimal("3550.00"),
        Decimal("2000.00"),
        Decimal("5550.00"),
    )
    assert campaign.pledged_total == totals.pledged
