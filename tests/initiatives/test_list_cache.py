"""The initiative list's totals and pages are cached under the hub's content version: they stay
right through the services (submit, change status, follow, unfollow, delete) and a change shows
on the next request."""

import pytest

from apps.initiatives import services
from apps.initiatives.models import Initiative


def listed(client, query=""):
    response = client.get(f"/oslo/initiatives/{query}")
    assert response.status_code == 200
    return response.context["page"]


def truth(hub, status=""):
    qs = Initiative.objects.filter(hub=hub).exclude(status=Initiative.Status.MERGED)
    return qs.filter(status=status).count() if status else qs.count()


@pytest.fixture
def second(oslo, olga):
    return services.initiative_submit(hub=oslo, actor=olga, title="Sykkelvei", summary="", description="")


def test_the_totals_stay_right_through_the_services(client, oslo, olga, mia, initiative, second):
    counts = []

    def check():
        for status in ("", "idea", "active"):
            query = f"?status={status}" if status else ""
            counts.append(listed(client, query).paginator.count == truth(oslo, status))

    check()
    services.initiative_submit(hub=oslo, actor=olga, title="Benker", summary="", description="")
    check()
    services.initiative_update(initiative=second, actor=olga, title="Sykkelvei", status="active")
    check()
    services.initiative_follow(initiative=second, user=mia)
    check()
    services.initiative_unfollow(initiative=second, user=mia)
    check()
    Initiative.objects.get(pk=second.pk).delete()
    check()

    assert counts == [True] * len(counts)


def test_a_new_follower_shows_at_once_in_the_most_followed_order(client, oslo, olga, mia, initiative, second):
    before = {i.pk: i.follower_count for i in listed(client, "?sort=followed").object_list}

    services.initiative_follow(initiative=second, user=mia)

    after = {i.pk: i.follower_count for i in listed(client, "?sort=followed").object_list}
    assert after[second.pk] == before[second.pk] + 1
    assert after[initiative.pk] == before[initiative.pk]


def test_a_warm_list_costs_few_queries(client, oslo, initiative, second, django_assert_max_num_queries):
    listed(client)
    # The hub, then the filters' choices (areas, goal tags, phases); the list and its count none.
    with django_assert_max_num_queries(7):
        page = listed(client)
    assert page.paginator.count == 2
