"""Registration with capacity and a waiting list; the event's own rules; minutes and action points."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.events import services
from apps.events.models import ActionPoint, Event, Registration
from apps.participation.spaces import Space
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_registrations_fill_capacity_then_the_waiting_list(oslo):
    event = make_event(oslo, capacity=2)
    people = [UserFactory() for _ in range(4)]
    statuses = [services.register(event=event, user=p).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_cancellation_promotes_the_next_and_tells_them(oslo, mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(oslo, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        services.register(event=event, user=person)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(event=event, user=first)

    assert Registration.objects.get(event=event, user=second).status == "confirmed"
    assert Registration.objects.get(event=event, user=third).status == "waiting"
    assert Registration.objects.get(event=event, user=first).status == "cancelled"
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert event.title in mailoutbox[0].subject


def test_cancelling_a_waiting_place_promotes_nobody(oslo, mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(oslo, capacity=1)
    first, second = UserFactory(), UserFactory()
    services.register(event=event, user=first)
    services.register(event=event, user=second)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(event=event, user=second)
    assert mailoutbox == []
    assert Registration.objects.get(event=event, user=first).status == "confirmed"


def test_a_newcomer_does_not_jump_the_waiting_list(oslo):
    event = make_event(oslo, capacity=1)
    a, b = UserFactory(), UserFactory()
    services.register(event=event, user=a)
    services.register(event=event, user=b)
    services.cancel(event=event, user=a)  # b is promoted
    c = UserFactory()
    assert services.register(event=event, user=c).status == "waiting"


def test_unlimited_capacity_confirms_everyone(oslo):
    event = make_event(oslo, capacity=None)
    assert {services.register(event=event, user=UserFactory()).status for _ in range(5)} == {"confirmed"}


def test_signing_up_twice_is_refused_and_again_after_cancelling_is_allowed(oslo):
    event = make_event(oslo, capacity=3)
    person = UserFactory()
    services.register(event=event, user=person)
    with pytest.raises(ValidationError) as exc:
        services.register(event=event, user=person)
    assert exc.value.code == "duplicate"
    services.cancel(event=event, user=person)
    assert services.register(event=event, user=person).status == "confirmed"
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_closed_and_past_events_take_no_registrations(oslo):
    closed = make_event(oslo, registration_open=False)
    past = make_event(oslo, days=-3)
    with pytest.raises(ValidationError) as exc:
        services.register(event=closed, user=UserFactory())
    assert exc.value.code == "closed"
    with pytest.raises(ValidationError) as exc:
        services.register(event=past, user=UserFactory())
    assert exc.value.code == "past"


def test_raising_the_capacity_confirms_people_waiting(
    oslo, stella, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(oslo, capacity=1)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.register(event=event, user=person)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, actor=stella, capacity=2)
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2
    assert [m.to for m in mailoutbox] == [[people[1].email]]


def test_an_event_cannot_end_before_it_starts(oslo, stella):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            space=Space(hub=oslo),
            actor=stella,
            title="Backwards",
            starts_at=start,
            ends_at=start - timedelta(hours=1),
        )
    assert "ends_at" in exc.value.message_dict
    assert exc.value.error_dict["ends_at"][0].code == "ends_before_start"
    assert not Event.objects.exists()


def test_times_must_carry_a_time_zone(oslo, stella):
    naive = timezone.now().replace(tzinfo=None) + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            space=Space(hub=oslo),
            actor=stella,
            title="Naive",
            starts_at=naive,
            ends_at=naive + timedelta(hours=1),
        )
    assert exc.value.error_dict["starts_at"][0].code == "naive"


def test_the_database_refuses_an_end_before_the_start_too(oslo):
    from django.db import IntegrityError, transaction

    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(hub=oslo, title="x", starts_at=start, ends_at=start - timedelta(minutes=1))


def test_create_needs_an_organiser_of_the_space(oslo, mia, sven, olga, courtyard):
    start = timezone.now() + timedelta(days=3)
    fields = {"title": "Meeting", "starts_at": start, "ends_at": start + timedelta(hours=1)}
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.event_create(space=Space(hub=oslo), actor=person, **fields)
    # The initiative's owner organises in the initiative, not in the hub.
    event = services.event_create(space=Space(hub=oslo, initiative=courtyard), actor=olga, **fields)
    assert event.initiative == courtyard and event.organiser == olga
    with pytest.raises(PermissionDenied):
        services.event_create(space=Space(hub=oslo), actor=olga, **fields)


def test_minutes_and_action_points(oslo, stella, mia, vic):
    event = make_event(oslo, days=-2, organiser=stella)
    services.minutes_record(event=event, actor=stella, minutes="## Decided\n\n- Build benches")
    event.refresh_from_db()
    assert "Build benches" in event.minutes
    point = services.action_point_add(event=event, actor=stella, title="Order wood", assignee=mia)
    assert isinstance(point, ActionPoint) and point.assignee == mia
    with pytest.raises(ValidationError) as exc:
        services.action_point_add(event=event, actor=stella, title="Paint", assignee=vic)
    assert exc.value.error_dict["assignee"][0].code == "not_member"
    with pytest.raises(PermissionDenied):
        services.minutes_record(event=event, actor=mia, minutes="Not mine to write")


def test_action_points_become_follow_up_tasks_when_that_app_is_there(oslo, stella, mia):
    event = make_event(oslo, days=-2, organiser=stella)
    point = services.action_point_add(event=event, actor=stella, title="Order wood", assignee=mia)
    try:
        from apps.followup import services as followup_services
    except ImportError:
        followup_services = None
    if followup_services is None or not hasattr(followup_services, "task_create"):
        assert point.task_id is None
    else:
        from apps.followup.models import Task

        task = Task.objects.get(pk=point.task_id)
        assert task.title == "Order wood" and task.assignee_id == mia.pk


def test_minutes_wait_for_the_event_to_start(oslo, stella):
    event = make_event(oslo, days=3)
    with pytest.raises(ValidationError):
        services.minutes_record(event=event, actor=stella, minutes="Too early")
