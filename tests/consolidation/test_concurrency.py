"""Two stewards merge the same pair at once, in opposite directions: one merge, no cycle, and
nothing lost."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection

from apps.accounts.models import User
from apps.consolidation import selectors, services
from apps.consolidation.models import Merge, OverlapPair
from apps.hubs.models import Hub
from apps.initiatives.models import Follow, Initiative
from tests.factories import HubFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_opposite_merges_of_one_pair_make_one_merge():
    hub = HubFactory(slug="oslo")
    stewards = [MembershipFactory(hub=hub, is_steward=True).user for _ in range(2)]
    owner = UserFactory()
    a = Initiative.objects.create(hub=hub, slug="a", title="A", owner=owner)
    b = Initiative.objects.create(hub=hub, slug="b", title="B", owner=owner)
    Follow.objects.create(initiative=a, user=stewards[0])
    Follow.objects.create(initiative=b, user=stewards[1])
    pair = OverlapPair.objects.create(hub=hub, first=a, second=b, score=0.9, reasons={})
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list = [None, None]
    directions = [(a.pk, b.pk), (b.pk, a.pk)]

    def run(index: int) -> None:
        try:
            merged_pk, into_pk = directions[index]
            barrier.wait()
            outcomes[index] = services.initiative_merge(
                hub=Hub.objects.get(pk=hub.pk),
                merged=Initiative.objects.get(pk=merged_pk),
                into=Initiative.objects.get(pk=into_pk),
                actor=User.objects.get(pk=stewards[index].pk),
                pair=OverlapPair.objects.get(pk=pair.pk),
            )
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)

    wins = [o for o in outcomes if isinstance(o, Merge)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1, outcomes
    # PostgreSQL: the loser waits for the locks and is told the pair was decided; SQLite
    # serialises the writers and may refuse the second outright. Either way nothing half saved.
    assert all(isinstance(loss, ValidationError | DatabaseError) for loss in losses), losses
    assert Merge.objects.count() == 1
    merge = Merge.objects.get()
    assert selectors.merged_into(merge.into) is None
    assert Follow.objects.filter(initiative=merge.into).count() == 2
    assert OverlapPair.objects.get().status == "merged"
