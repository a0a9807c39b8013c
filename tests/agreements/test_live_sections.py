"""A new agreement's draft gathers the live data of its scope: the parties' commitments, the
budget and the desired results (apps.partners, apps.funding, apps.results)."""

import datetime

import pytest

from apps.agreements import services as agreement_services
from apps.funding import selectors as funding_selectors
from apps.funding import services as funding
from apps.partners import services as partners
from apps.results import services as results
from tests.agreements.conftest import latest, make_agreement

pytestmark = pytest.mark.django_db


def test_the_draft_lists_commitments_budget_and_results(oslo, stella, acme, petra, bylab, ola):
    oslo.languages = ["en"]
    oslo.save()
    partner = partners.hub_partner_for(hub=oslo, organisation=acme)
    agreed = partners.commitment_offer(
        actor=petra, partner=partner, kind="money", description="Secretariat 2027", amount="250000"
    )
    partners.commitment_set_status(actor=stella, commitment=agreed, status="agreed")
    gone = partners.commitment_offer(actor=petra, partner=partner, kind="in_kind", description="A van")
    partners.commitment_set_status(actor=petra, commitment=gone, status="withdrawn")
    budget = funding_selectors.budget_for(hub=oslo, initiative=None)
    funding.cost_line_add(budget=budget, actor=stella, description="Network coordinator", planned="400000")
    funding.source_add(
        budget=funding_selectors.budget_for(hub=oslo, initiative=None),
        actor=stella,
        kind="municipal",
        description="City grant",
        planned="300000",
    )
    results.result_create(
        hub=oslo,
        actor=stella,
        title="More green courtyards",
        indicator_name="Green courtyards",
        unit="courtyards",
        baseline="3",
        target="20",
        target_date=datetime.date(2030, 12, 31),
        publish=True,
    )

    text = latest(make_agreement(oslo, stella, [acme, bylab])).text

    assert "Secretariat 2027" in text and "250,000.00" in text
    assert "A van" not in text  # withdrawn commitments are not promised
    assert "Network coordinator" in text and "400,000.00" in text
    assert "Still to be financed: 100,000.00" in text
    assert "More green courtyards" in text and "20 courtyards" in text


def test_an_initiatives_agreement_takes_only_that_initiatives_data(oslo, stella, acme, petra, bylab, ola):
    from apps.initiatives.models import Initiative

    yard = Initiative.objects.create(hub=oslo, slug="yard", title="Yard", owner=stella)
    partner = partners.hub_partner_for(hub=oslo, organisation=acme)
    partners.commitment_offer(
        actor=petra, partner=partner, kind="money", description="For the hub", amount="9"
    )
    on_yard = partners.partner_add(actor=stella, hub=oslo, initiative=yard, organisation=acme)
    partners.commitment_offer(
        actor=petra, partner=on_yard, kind="money", description="For the yard", amount="7"
    )
    text = latest(
        agreement_services.agreement_create(
            hub=oslo,
            actor=stella,
            title="Yard agreement",
            starts_on=datetime.date(2026, 7, 1),
            ends_on=datetime.date(2027, 6, 30),
            organisations=[acme, bylab],
            initiative=yard,
        )
    ).text
    assert "For the yard" in text and "For the hub" not in text
