"""Twenty sign-ups at once for five places: never more than five confirmed (both databases)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.events import services
from apps.events.models import Event, Registration
from tests.events.conftest import make_event
from tests.factories import HubFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(call: Callable[[int], Any], threads: int) -> list[Any]:
    barrier = threading.Barrier(threads, timeout=30)
    outcomes: list[Any] = [None] * threads

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = call(index)
        except BaseException as exc:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=90)
    assert not any(worker.is_alive() for worker in workers), "a thread hung"
    return outcomes


def test_twenty_sign_ups_for_five_places():
    hub = HubFactory(slug="oslo")
    event = make_event(hub, capacity=5)
    people = [UserFactory() for _ in range(20)]

    def sign_up(index: int) -> Registration:
        return services.register(
            event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=people[index].pk)
        )

    outcomes = at_once(sign_up, 20)

    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5
    assert Registration.objects.filter(event=event, status="waiting").count() == 15
    positions = list(Registration.objects.filter(event=event).values_list("position", flat=True))
    assert sorted(positions) == list(range(1, 21))
    # The confirmed are the first five to get in.
    confirmed = set(
        Registration.objects.filter(event=event, status="confirmed").values_list("position", flat=True)
    )
    assert confirmed == {1, 2, 3, 4, 5}


def test_one_person_signing_up_eight_times_at_once_gets_one_place():
    hub = HubFactory(slug="oslo")
    event = make_event(hub, capacity=5)
    person = UserFactory()

    def sign_up(_index: int) -> Registration:
        return services.register(event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=person.pk))

    outcomes = at_once(sign_up, 8)
    wins = [o for o in outcomes if isinstance(o, Registration)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_cancellations_at_once_never_overfill():
    hub = HubFactory(slug="oslo")
    event = make_event(hub, capacity=3)
    people = [UserFactory() for _ in range(10)]
    for person in people:
        services.register(event=event, user=person)

    def cancel(index: int) -> Registration:
        return services.cancel(
            event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=people[index].pk)
        )

    at_once(cancel, 3)  # the three confirmed give up at once
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3
    assert set(
        Registration.objects.filter(event=event, status="confirmed").values_list("user_id", flat=True)
    ) == {p.pk for p in people[3:6]}
