"""Constant queries as rows grow: the follow-up queue, my tasks and the API at N and 3N rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.followup.models import Meeting, Task
from apps.initiatives.models import TeamMember
from tests.factories import HubFactory, MembershipFactory, UserFactory
from tests.followup.conftest import make_initiative

N = 4


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_the_queue_costs_the_same_at_n_and_3n(client, oslo, stella, mia):
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            i = next(counter)
            make_initiative(oslo, mia, slug=f"idea-{i}", title=f"Idea {i}")
            other = make_initiative(oslo, mia, slug=f"met-{i}", title=f"Met {i}")
            now = timezone.now()
            for days in (-2, 3):
                m = Meeting.objects.create(
                    hub=oslo, initiative=other, scheduled_at=now + timedelta(days=days)
                )
                m.participants.set([mia, stella])
                Task.objects.create(hub=oslo, initiative=other, meeting=m, title="T", assignee=mia)

    client.force_login(stella)
    grow(N)
    small = queries(client, "/oslo/follow-up/")
    grow(2 * N)
    assert queries(client, "/oslo/follow-up/") == small


@pytest.mark.parametrize("path", ["/me/tasks/?status=all", "/api/v1/me/tasks?status=all"])
def test_my_tasks_cost_the_same_at_n_and_3n(client, db, path):
    user = UserFactory()
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            i = next(counter)
            hub = HubFactory()
            MembershipFactory(hub=hub, user=user, is_steward=i % 2 == 0)
            owner = MembershipFactory(hub=hub).user
            initiative = make_initiative(hub, owner, slug=f"i-{i}", title=f"I {i}")
            TeamMember.objects.create(initiative=initiative, user=UserFactory())
            m = Meeting.objects.create(hub=hub, initiative=initiative, scheduled_at=timezone.now())
            Task.objects.create(
                hub=hub, initiative=initiative, meeting=m, title="A", assignee=user, created_by=owner
            )
            Task.objects.create(hub=hub, title="B", assignee=user, due_on=timezone.localdate())

    client.force_login(user)
    grow(N)
    small = queries(client, path)
    grow(2 * N)
    assert queries(client, path) == small


def test_the_initiative_follow_up_page_costs_the_same_at_n_and_3n(client, idea, stella, mia):
    def grow(n):
        for _ in range(n):
            m = Meeting.objects.create(hub=idea.hub, initiative=idea, scheduled_at=timezone.now())
            m.participants.set([mia])
            Task.objects.create(
                hub=idea.hub, initiative=idea, meeting=m, title="T", assignee=mia, created_by=stella
            )

    client.force_login(stella)
    path = f"/oslo/follow-up/initiatives/{idea.slug}/"
    grow(N)
    small = queries(client, path)
    grow(2 * N)
    assert queries(client, path) == small
