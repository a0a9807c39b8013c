"""The read API: an initiative's budget and a hub's campaigns, amounts as exact decimal strings."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.funding import services
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_budget_shape(client, oslo, budget, olga):
    oslo.hourly_rate = Decimal("250.00")
    oslo.save()
    services.cost_line_add(budget=budget, actor=olga, description="A", planned="0.10", category="materials")
    services.cost_line_add(budget=budget, actor=olga, description="B", planned="0.20", actual="0.25")
    services.source_add(
        budget=budget, actor=olga, kind="volunteer_hours", description="Dugnad", planned_hours="0.5"
    )
    body = client.get("/api/v1/hubs/oslo/initiatives/courtyard/budget").json()
    assert body["currency"] == "NOK" and body["hourly_rate"] == "250.00"
    assert body["totals"] == {
        "planned_costs": "0.30",
        "actual_costs": "0.25",
        "planned_funding": "125.00",
        "received_funding": "0.00",
        "planned_balance": "-124.70",
        "actual_balance": "0.25",
        "percent_funded": 100,
        "complete": True,
    }
    assert [line["planned"] for line in body["lines"]] == ["0.10", "0.20"]
    assert body["sources"][0]["planned_hours"] == "0.50"


def test_an_initiative_without_a_budget_answers_an_empty_one(client, courtyard):
    body = client.get("/api/v1/hubs/oslo/initiatives/courtyard/budget").json()
    assert body["lines"] == [] and body["totals"]["complete"] is False


def test_unknown_and_other_hub(client, courtyard, sodertorn):
    assert client.get("/api/v1/hubs/oslo/initiatives/nowhere/budget").status_code == 404
    assert client.get("/api/v1/hubs/sodertorn/initiatives/courtyard/budget").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/campaigns").status_code == 404


def test_campaign_totals(client, campaign, olga, mia, petra, acme):
    services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="1", cap="100")
    services.pledge_create(campaign=campaign, actor=mia, amount="60.10", anonymous=True)
    services.pledge_create(campaign=campaign, actor=petra, amount="40", organisation=acme)
    body = client.get("/api/v1/hubs/oslo/campaigns").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["pledged"], item["matched"], item["total"], item["goal"]) == (
        "100.10",
        "60.10",
        "160.20",
        "5000.00",
    )
    assert item["match_funds"][0]["organisation_slug"] == acme.slug
    assert "Mia" not in str(body) and "petra" not in str(body).lower()


def test_campaign_list_queries_are_constant(client, oslo, olga, campaign):
    from datetime import timedelta

    from apps.initiatives.models import Initiative

    def grow():
        initiative = Initiative.objects.create(hub=oslo, slug=f"i{UserFactory().pk}", title="X", owner=olga)
        budget = services.selectors.budget_for(hub=oslo, initiative=initiative)
        services.cost_line_add(budget=budget, actor=olga, description="X", planned="1")
        services.source_add(
            budget=services.selectors.budget_for(hub=oslo, initiative=initiative),
            actor=olga,
            kind="sponsor",
            description="Y",
            planned="1",
        )
        created = services.campaign_create(
            initiative=initiative, actor=olga, goal="10", deadline=oslo.today() + timedelta(days=3)
        )
        services.campaign_open(campaign=created, actor=olga)
        services.match_fund_add(campaign=created, actor=olga, organisation=OrganisationFactory(), cap="5")
        services.pledge_create(campaign=created, actor=UserFactory(), amount="2")

    grow()
    with CaptureQueriesContext(connection) as small:
        assert client.get("/api/v1/hubs/oslo/campaigns").status_code == 200
    for _ in range(3):
        grow()
    with CaptureQueriesContext(connection) as large:
        assert client.get("/api/v1/hubs/oslo/campaigns").json()["count"] == 5
    assert len(large) == len(small)
