"""Constant queries as rows grow: goal pages and the goals API cost the same at N and 3N rows."""

from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgTarget
from apps.places.models import Area, AreaLevel
from tests.factories import WorkingGroupFactory

N = 3

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def more_goals(ctx, n):
    hub = ctx["hub"]
    targets = list(SdgTarget.objects.filter(goal__in=[11, 13])[:4])
    if "level" not in ctx:
        ctx["level"] = AreaLevel.objects.create(hub=hub, slug="d", name="District")
    level = ctx["level"]
    for _ in range(n):
        i = ctx["i"] = ctx.get("i", 0) + 1
        goal = HubGoal.objects.create(hub=hub, code=f"goal-{i}", title=f"Goal {i}")
        goal.sdg_goals.set([11, 13])
        for j, target in enumerate(targets):
            local = LocalTarget.objects.create(
                hub=hub, hub_goal=goal, sdg_target=target, code=f"{target.code}.L{i * 10 + j}", title="t"
            )
            area = Area.objects.create(hub=hub, level=level, code=f"a{i}-{j}", name=f"Area {i}-{j}")
            GoalTag.objects.create(
                content_type=ContentType.objects.get_for_model(Area),
                object_id=area.pk,
                hub=hub,
                local_target=local,
            )
        group = WorkingGroupFactory(hub=hub)
        GoalTag.objects.create(
            content_type=ContentType.objects.get_for_model(group), object_id=group.pk, hub=hub, hub_goal=goal
        )
        GoalTag.objects.create(
            content_type=ContentType.objects.get_for_model(group), object_id=group.pk, hub=hub, sdg_goal_id=11
        )
    ctx["goal"] = HubGoal.objects.get(hub=hub, code="goal-1")


CASES: list[tuple[str, Callable[[dict], str]]] = [
    ("goal list", lambda ctx: "/oslo/goals/"),
    ("goal page", lambda ctx: "/oslo/goals/goal-1/"),
    ("UN goal page", lambda ctx: "/oslo/goals/sdg/11/"),
    ("API hub goals", lambda ctx: "/api/v1/hubs/oslo/goals?limit=100"),
    ("API hub goal", lambda ctx: "/api/v1/hubs/oslo/goals/goal-1"),
    ("API UN goals", lambda ctx: "/api/v1/sdg/goals"),
    ("API UN goal", lambda ctx: "/api/v1/sdg/goals/11"),
]


@pytest.mark.parametrize(("name", "path"), CASES, ids=[c[0] for c in CASES])
def test_constant_queries(client, oslo, stella, name, path):
    client.force_login(stella)  # the steward sees the most (edit links, tag choices)
    ctx = {"hub": oslo}
    more_goals(ctx, N)
    queries(client, path(ctx))  # warm caches (content types, sessions)
    at_n = queries(client, path(ctx))
    more_goals(ctx, 2 * N)
    queries(client, path(ctx))  # the new goals gave the hub a new content version: warm it again
    at_3n = queries(client, path(ctx))
    assert at_n == at_3n, f"{name}: {at_n} queries at N rows, {at_3n} at 3N"
    assert at_3n < 20
