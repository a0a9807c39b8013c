"""Suggestion pages and lists keep a constant number of queries as members, initiatives, needs
and introductions grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.initiatives.models import Initiative
from apps.matching import selectors
from apps.matching.models import Introduction, Need
from tests.factories import (
    CompetenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    consent,
)

pytestmark = pytest.mark.django_db


def _grow(hub, owner, start, n):
    competence = CompetenceFactory(slug="gardening")
    for i in range(start, start + n):
        member = consent(MembershipFactory(hub=hub).user)
        member.profile.interests = f"hage planter {i}"
        member.profile.place = "Tøyen"
        member.profile.save()
        member.profile.competences.add(competence)
        initiative = Initiative.objects.create(
            hub=hub, slug=f"i-{i}", title=f"Hage på Tøyen {i}", summary="planter", owner=owner
        )
        Need.objects.create(initiative=initiative, kind="competence", competence=competence)
        Need.objects.create(initiative=initiative, kind="resource", text="jord")
        PartnershipFactory(hub=hub, organisation=OrganisationFactory(), contribution="jord og planter")
        Introduction.objects.create(hub=hub, initiative=initiative, user=member, introduced_by=owner)


def _count(client, url):
    selectors.forget_indexes()
    client.get(url)
    selectors.forget_indexes()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/oslo/matching/",
        "/oslo/matching/initiatives/i-0/",
        "/oslo/matching/introductions/",
        "/api/v1/hubs/oslo/matching/suggestions",
        "/api/v1/hubs/oslo/initiatives/i-0/suggestions",
        "/api/v1/hubs/oslo/matching/introductions",
        "/me/",
    ],
)
def test_queries_do_not_grow(client, oslo, stella, url):
    client.force_login(stella)
    stella.profile.competences.add(CompetenceFactory(slug="gardening"))
    _grow(oslo, stella, 0, 2)
    small = _count(client, url)
    _grow(oslo, stella, 2, 6)
    assert _count(client, url) == small, url
