"""Dashboard pages, CSV and API cost the same number of queries however much there is."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.funding.models import Budget, FundingSource
from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgTarget
from apps.initiatives.models import Initiative, TeamMember
from apps.participation.models import Idea
from apps.partners.models import Commitment, Partner
from apps.places.models import Area
from apps.results.models import ProgressReport, Result
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _grow(world, n):
    hub = world.hub
    ct = ContentType.objects.get_for_model(Initiative)
    start = Initiative.objects.count()
    goal = HubGoal.objects.create(hub=hub, code=f"extra-{start}", title=f"Extra {start}")
    LocalTarget.objects.create(
        hub=hub,
        hub_goal=goal,
        sdg_target=SdgTarget.objects.get(code="11.3"),
        code=f"11.3.L{start}",
        title="T",
    )
    area = Area.objects.create(
        hub=hub, level=world.gamle.level, code=f"extra-{start}", name=f"Extra {start}", parent=world.toyen
    )
    for i in range(n):
        user = UserFactory()
        item = Initiative.objects.create(
            hub=hub, slug=f"grow-{start}-{i}", title="Grow", status="active", owner=user, area=area
        )
        GoalTag.objects.create(hub=hub, content_type=ct, object_id=item.pk, hub_goal=goal)
        GoalTag.objects.create(hub=hub, content_type=ct, object_id=item.pk, hub_goal=world.green)
        TeamMember.objects.create(initiative=item, user=user, role="owner")
        Idea.objects.create(hub=hub, initiative=item, author=UserFactory(), title="I", body="B")
        partner = Partner.objects.create(hub=hub, initiative=item, organisation=OrganisationFactory())
        Commitment.objects.create(
            partner=partner, kind="money", description="m", amount=Decimal("1.10"), status="agreed"
        )
        budget = Budget.objects.create(hub=hub, initiative=item)
        FundingSource.objects.create(budget=budget, kind="grant", description="g", planned=Decimal("2.20"))
        result = Result.objects.create(
            hub=hub,
            initiative=item,
            title="R",
            indicator_name="X",
            baseline=0,
            target=10,
            target_date=date(2027, 1, 1),
            status="published",
        )
        ProgressReport.objects.create(
            hub=hub, initiative=item, title="P", text="t", result=result, value=5, status="published"
        )


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


URLS = [
    "/oslo/dashboards/",
    "/oslo/dashboards/csv/",
    "/oslo/dashboards/csv/?table=results",
    "/oslo/dashboards/goals/green/",
    "/oslo/dashboards/goals/green/csv/",
    "/oslo/dashboards/goals/green/targets/11.7.L1/",
    "/oslo/dashboards/areas/0301-01/",
    "/oslo/dashboards/areas/0301-01/csv/",
    "/api/v1/hubs/oslo/dashboard",
    "/api/v1/hubs/oslo/dashboard/goals/green",
    "/api/v1/hubs/oslo/dashboard/areas/0301-01",
]


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow(client, world, url):
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 6)
    assert _count(client, url) == small
    assert small <= 30
