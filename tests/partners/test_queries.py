"""Partner pages keep a constant number of queries as partners and commitments grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.partners import services
from apps.partners.models import Commitment
from tests.factories import OrganisationFactory, PartnershipFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def _grow(courtyard, olga, n):
    for _ in range(n):
        organisation = OrganisationFactory()
        PartnershipFactory(hub=courtyard.hub, organisation=organisation)
        RepresentativeFactory(organisation=organisation)
        partner = services.partner_add(
            actor=olga, hub=courtyard.hub, initiative=courtyard, organisation=organisation
        )
        for kind in ("money", "hours"):
            Commitment.objects.create(
                partner=partner,
                kind=kind,
                description=kind,
                amount=10 if kind == "money" else None,
                hours=3 if kind == "hours" else None,
                status="agreed",
            )


def _count(client, url):
    client.get(url)  # warm the caches that have nothing to do with partners
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/oslo/partners/initiatives/courtyard/", "/oslo/partners/", "/oslo/initiatives/courtyard/"]
)
def test_queries_do_not_grow_with_partners(client, courtyard, olga, url):
    _grow(courtyard, olga, 2)
    client.force_login(olga)
    small = _count(client, url)
    _grow(courtyard, olga, 8)
    assert _count(client, url) == small
