"""Fifty sign-ups at once for a shift of seven places: exactly seven confirmed, never more
(SQLite and PostgreSQL: the shift's row lock, and the database's own check on the count)."""

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from apps.accounts.models import User
from apps.volunteers import services
from apps.volunteers.models import Shift, Signup

from .conftest import SATURDAY, volunteers

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 7
PEOPLE = 50


def at_once(call: Callable[[int], Any], threads: int) -> list[Any]:
    barrier = threading.Barrier(threads, timeout=60)
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
        worker.join(timeout=180)
    assert not any(worker.is_alive() for worker in workers), "a thread hung"
    return outcomes


@pytest.fixture
def crowd_shift(builders, olga):
    return services.shift_create(
        role=builders,
        actor=olga,
        starts_at=SATURDAY,
        ends_at=SATURDAY + timedelta(hours=4),
        place="Gårdsplassen",
        capacity=CAPACITY,
    )


def test_fifty_sign_ups_with_the_waiting_list_for_seven_places(crowd_shift):
    people = volunteers(PEOPLE)

    def sign_up(index: int) -> Signup:
        return services.sign_up(
            shift=Shift.objects.get(pk=crowd_shift.pk),
            user=User.objects.get(pk=people[index].pk),
            waiting_list=True,
        )

    outcomes = at_once(sign_up, PEOPLE)

    assert all(isinstance(o, Signup) for o in outcomes), [o for o in outcomes if not isinstance(o, Signup)]
    assert Signup.objects.filter(shift=crowd_shift, status="confirmed").count() == CAPACITY
    assert Signup.objects.filter(shift=crowd_shift, status="waiting").count() == PEOPLE - CAPACITY
    crowd_shift.refresh_from_db()
    assert crowd_shift.confirmed_count == CAPACITY
    positions = sorted(Signup.objects.filter(shift=crowd_shift).values_list("position", flat=True))
    assert positions == list(range(1, PEOPLE + 1))
    confirmed = set(
        Signup.objects.filter(shift=crowd_shift, status="confirmed").values_list("position", flat=True)
    )
    assert confirmed == set(range(1, CAPACITY + 1))


def test_fifty_sign_ups_without_the_waiting_list_refuse_the_rest_as_full(crowd_shift):
    people = volunteers(PEOPLE, prefix="w")

    def sign_up(index: int) -> Signup:
        return services.sign_up(
            shift=Shift.objects.get(pk=crowd_shift.pk), user=User.objects.get(pk=people[index].pk)
        )

    outcomes = at_once(sign_up, PEOPLE)
    wins = [o for o in outcomes if isinstance(o, Signup)]
    losses = [o for o in outcomes if not isinstance(o, Signup)]
    assert len(wins) == CAPACITY
    assert all(type(loss) is ValidationError and loss.code == "full" for loss in losses), losses
    assert Signup.objects.filter(shift=crowd_shift).count() == CAPACITY


def test_one_person_clicking_eight_times_gets_one_place(crowd_shift, mia):
    def sign_up(_index: int) -> Signup:
        return services.sign_up(shift=Shift.objects.get(pk=crowd_shift.pk), user=User.objects.get(pk=mia.pk))

    outcomes = at_once(sign_up, 8)
    assert len([o for o in outcomes if isinstance(o, Signup)]) == 1
    assert all(o.code == "duplicate" for o in outcomes if not isinstance(o, Signup))
    assert Signup.objects.filter(shift=crowd_shift, user=mia).count() == 1


def test_cancellations_at_once_move_exactly_the_next_in(crowd_shift):
    people = volunteers(12, prefix="c")
    for person in people:
        services.sign_up(shift=crowd_shift, user=person, waiting_list=True)

    def cancel(index: int) -> Signup:
        return services.cancel_signup(
            shift=Shift.objects.get(pk=crowd_shift.pk), user=User.objects.get(pk=people[index].pk)
        )

    at_once(cancel, 3)
    confirmed = set(
        Signup.objects.filter(shift=crowd_shift, status="confirmed").values_list("user_id", flat=True)
    )
    assert confirmed == {p.pk for p in people[3:10]}
    crowd_shift.refresh_from_db()
    assert crowd_shift.confirmed_count == CAPACITY


def test_the_database_refuses_an_overfilled_count(crowd_shift):
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=crowd_shift.pk).update(confirmed_count=CAPACITY + 1)
