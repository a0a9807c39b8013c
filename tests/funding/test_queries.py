"""Pages and panels read with a constant number of queries, however much there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.funding import services
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(budget, campaign, owner, n: int) -> None:
    for i in range(n):
        services.cost_line_add(budget=budget, actor=owner, description=f"L{i}", planned="1")
        services.source_add(
            budget=budget, actor=owner, kind="volunteer_hours", description=f"H{i}", planned_hours="1"
        )
        services.pledge_create(campaign=campaign, actor=UserFactory(), amount="1")
        services.match_fund_add(campaign=campaign, actor=owner, organisation=OrganisationFactory(), cap="1")


@pytest.mark.parametrize(
    "url",
    [
        "/oslo/funding/i/courtyard/budget/",
        "/oslo/funding/i/courtyard/campaign/",
        "/oslo/funding/i/courtyard/campaign/pledges/",
        "/oslo/initiatives/courtyard/",
    ],
)
def test_constant_queries(client, full_budget, campaign, olga, url):
    client.force_login(olga)
    grow(full_budget, campaign, olga, 1)
    count(client, url)  # warm the caches the page shares with others
    small = count(client, url)
    grow(full_budget, campaign, olga, 4)
    assert count(client, url) == small
