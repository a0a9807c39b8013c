"""Requests at once: follows and same-title submissions never give a 500."""

import pytest
from django.db import connection

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives import services
from apps.initiatives.models import Follow, Initiative
from tests.factories import HubFactory, UserFactory
from tests.hubs.test_concurrency import THREADS, at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_person_following_eight_times_at_once_makes_one_follow():
    hub = HubFactory(slug="oslo")
    owner, fan = UserFactory(), UserFactory()
    item = services.initiative_submit(hub=hub, actor=owner, title="Courtyard")

    def follow(_index):
        return services.initiative_follow(
            initiative=Initiative.objects.get(pk=item.pk), user=User.objects.get(pk=fan.pk)
        )

    outcomes = at_once(follow)
    assert all(isinstance(o, Follow) for o in outcomes), outcomes
    assert Follow.objects.filter(initiative=item, user=fan).count() == 1


def test_two_people_following_at_once():
    hub = HubFactory(slug="oslo")
    owner = UserFactory()
    fans = [UserFactory() for _ in range(THREADS)]
    item = services.initiative_submit(hub=hub, actor=owner, title="Courtyard")

    def follow(index):
        return services.initiative_follow(
            initiative=Initiative.objects.get(pk=item.pk), user=User.objects.get(pk=fans[index].pk)
        )

    outcomes = at_once(follow)
    assert all(isinstance(o, Follow) for o in outcomes), outcomes
    assert Follow.objects.filter(initiative=item).count() == THREADS + 1


def test_same_title_at_once_gets_distinct_slugs():
    hub = HubFactory(slug="oslo")
    users = [UserFactory() for _ in range(THREADS)]

    def submit(index):
        return services.initiative_submit(
            hub=Hub.objects.get(pk=hub.pk),
            actor=User.objects.get(pk=users[index].pk),
            title="Lekegate i Sagene",
        )

    outcomes = at_once(submit)
    assert all(isinstance(o, Initiative) for o in outcomes), outcomes
    slugs = sorted(Initiative.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == THREADS
    assert "lekegate-i-sagene" in slugs
    connection.close()
