"""Eight stewards introducing the same member to the same initiative at once make one open
introduction (the service's row lock, and the partial unique constraint behind it)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.initiatives.models import Initiative
from apps.matching import services
from apps.matching.models import Introduction
from tests.factories import HubFactory, MembershipFactory, UserFactory, consent

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_eight_stewards_introduce_the_same_member_once():
    hub = HubFactory(slug="oslo")
    stewards = [MembershipFactory(hub=hub, is_steward=True).user for _ in range(THREADS)]
    owner = MembershipFactory(hub=hub).user
    member = consent(MembershipFactory(hub=hub, user=UserFactory(name="Gina")).user)
    initiative = Initiative.objects.create(hub=hub, slug="yard", title="Yard", owner=owner)
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            actor = User.objects.get(pk=stewards[index].pk)
            barrier.wait()
            outcomes[index] = services.introduction_create(
                actor=actor, initiative=Initiative.objects.get(pk=initiative.pk), user=member
            )
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    made = [o for o in outcomes if isinstance(o, Introduction)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(made) == 1, outcomes
    assert len(refused) == THREADS - 1, outcomes
    assert Introduction.objects.filter(status="introduced").count() == 1
