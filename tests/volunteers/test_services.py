"""Signing up, the waiting list, cancelling, messaging, hours and the financing plan."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.funding.models import FundingSource
from apps.notifications.models import Notification
from apps.volunteers import services
from apps.volunteers.models import HoursLog, Shift, Signup
from tests.factories import consent

from .conftest import SATURDAY, make_shift

pytestmark = pytest.mark.django_db


def code(excinfo):
    error = excinfo.value
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return error.code


def test_sign_up_until_full_then_refused_with_the_waiting_list_offered(shift, mia, vic, bob):
    assert services.sign_up(shift=shift, user=mia).status == "confirmed"
    assert services.sign_up(shift=shift, user=vic).status == "confirmed"
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(shift=shift, user=bob)
    assert code(excinfo) == "full"
    assert "waiting list" in excinfo.value.messages[0]
    assert services.sign_up(shift=shift, user=bob, waiting_list=True).status == "waiting"
    shift.refresh_from_db()
    assert (shift.confirmed_count, shift.places_left) == (2, 0)


def test_signing_up_twice_is_refused(shift, mia):
    services.sign_up(shift=shift, user=mia)
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(shift=shift, user=mia, waiting_list=True)
    assert code(excinfo) == "duplicate"
    assert Signup.objects.count() == 1


def test_cancelled_and_past_shifts_are_refused(shift, olga, mia, clock):
    services.shift_cancel(shift=shift, actor=olga, reason="Regn")
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(shift=shift, user=mia)
    assert code(excinfo) == "cancelled"
    other = make_shift(shift.role, olga, starts_at=SATURDAY + timedelta(days=1))
    clock.move_to(other.starts_at + timedelta(hours=1))
    with pytest.raises(ValidationError) as excinfo:
        services.sign_up(shift=other, user=mia)
    assert code(excinfo) == "past"
    assert not Signup.objects.exists()


def test_anonymous_cannot_sign_up(shift):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.sign_up(shift=shift, user=AnonymousUser())


def test_cancelling_moves_the_first_waiting_in_and_tells_them(shift, mia, vic, bob, walter):
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=shift, user=vic)
    services.sign_up(shift=shift, user=bob, waiting_list=True)
    services.sign_up(shift=shift, user=walter, waiting_list=True)
    services.cancel_signup(shift=shift, user=mia)
    statuses = dict(Signup.objects.values_list("user_id", "status"))
    assert statuses == {mia.pk: "cancelled", vic.pk: "confirmed", bob.pk: "confirmed", walter.pk: "waiting"}
    assert Notification.objects.filter(recipient=bob, kind="volunteers").count() == 1
    assert not Notification.objects.filter(recipient=walter).exists()
    shift.refresh_from_db()
    assert shift.confirmed_count == 2
    # Signing up again after cancelling goes to the back of the line.
    assert services.sign_up(shift=shift, user=mia, waiting_list=True).status == "waiting"


def test_cancelling_without_a_sign_up_is_refused(shift, mia):
    with pytest.raises(ValidationError) as excinfo:
        services.cancel_signup(shift=shift, user=mia)
    assert code(excinfo) == "not_signed_up"


def test_more_places_move_the_waiting_in(shift, olga, mia, vic, bob):
    for person in (mia, vic):
        services.sign_up(shift=shift, user=person)
    services.sign_up(shift=shift, user=bob, waiting_list=True)
    services.shift_update(
        shift=shift, actor=olga, starts_at=shift.starts_at, ends_at=shift.ends_at, place="Her", capacity=3
    )
    assert Signup.objects.get(user=bob).status == "confirmed"
    with pytest.raises(ValidationError) as excinfo:
        services.shift_update(
            shift=shift, actor=olga, starts_at=shift.starts_at, ends_at=shift.ends_at, place="Her", capacity=2
        )
    assert code(excinfo) == ["below_confirmed"]


@pytest.mark.parametrize(
    ("field", "kwargs", "expected"),
    [
        ("capacity", {"capacity": 0}, "invalid"),
        ("capacity", {"capacity": -3}, "invalid"),
        ("ends_at", {"hours": -1}, "ends_before_start"),
        ("ends_at", {"hours": 30}, "too_long"),
        ("place", {"place": "  "}, "required"),
    ],
)
def test_bad_shifts_are_refused(builders, olga, field, kwargs, expected):
    with pytest.raises(ValidationError) as excinfo:
        make_shift(builders, olga, **kwargs)
    assert excinfo.value.error_dict[field][0].code == expected
    assert not Shift.objects.exists()


def test_a_naive_time_is_refused(builders, olga):
    with pytest.raises(ValidationError):
        make_shift(builders, olga, starts_at=SATURDAY.replace(tzinfo=None))


def test_a_role_name_is_unique_per_initiative(courtyard, olga, builders):
    with pytest.raises(ValidationError) as excinfo:
        services.role_create(initiative=courtyard, actor=olga, name="bygger")
    assert code(excinfo) == ["duplicate"]


def test_only_the_team_and_hub_leads_manage(courtyard, mia, sven, stella):
    with pytest.raises(PermissionDenied):
        services.role_create(initiative=courtyard, actor=mia, name="X")
    with pytest.raises(PermissionDenied):
        services.role_create(initiative=courtyard, actor=sven, name="X")
    assert services.role_create(initiative=courtyard, actor=stella, name="X").pk


def test_cancelling_a_shift_tells_everyone_and_is_audited(shift, lena, mia, vic, bob):
    for person in (mia, vic):
        services.sign_up(shift=shift, user=person)
    services.sign_up(shift=shift, user=bob, waiting_list=True)
    services.shift_cancel(shift=shift, actor=lena, reason="Storm")
    entry = AuditEntry.objects.get(action="volunteers.shift_cancel")
    assert (entry.actor, entry.reason, entry.data["people"]) == (lena, "Storm", 3)
    assert Notification.objects.filter(kind="volunteers").count() == 3
    with pytest.raises(ValidationError):
        services.shift_cancel(shift=shift, actor=lena)
    assert AuditEntry.objects.filter(action="volunteers.shift_cancel").count() == 1


def test_messaging_the_volunteers(shift, tom, mia, vic, bob):
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=shift, user=vic)
    services.sign_up(shift=shift, user=bob, waiting_list=True)
    assert (
        services.message_volunteers(shift=shift, actor=tom, subject="Ta med hansker", text="Husk hansker!")
        == 2
    )
    assert set(Notification.objects.filter(kind="volunteers").values_list("recipient_id", flat=True)) == {
        mia.pk,
        vic.pk,
    }
    assert AuditEntry.objects.get(action="volunteers.message").data["people"] == 2
    with pytest.raises(PermissionDenied):
        services.message_volunteers(shift=shift, actor=mia, subject="x", text="y")
    with pytest.raises(ValidationError):
        services.message_volunteers(shift=shift, actor=tom, subject="", text="y")


def test_messaging_nobody_is_refused(shift, tom):
    with pytest.raises(ValidationError) as excinfo:
        services.message_volunteers(shift=shift, actor=tom, subject="Hei", text="Hei")
    assert code(excinfo) == "nobody"
    assert not AuditEntry.objects.filter(action="volunteers.message").exists()


# Hours ----------------------------------------------------------------------------------------


@pytest.fixture
def worked(shift, mia, vic, clock):
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=shift, user=vic)
    clock.move_to(SATURDAY + timedelta(hours=5))
    return shift


def source_hours(initiative):
    source = FundingSource.objects.get(budget__initiative=initiative, kind="volunteer_hours")
    return source.actual_hours


def test_hours_logged_by_the_team_flow_into_the_financing_plan(worked, olga, lena, mia, vic, courtyard):
    log = services.hours_log(shift=worked, actor=lena, volunteer=mia, hours="4")
    assert log.status == "confirmed"
    assert source_hours(courtyard) == Decimal("4.00")
    services.hours_log(shift=worked, actor=olga, volunteer=vic, hours="3,5")
    assert source_hours(courtyard) == Decimal("7.50")
    source = FundingSource.objects.get(budget__initiative=courtyard)
    assert (source.planned_hours, source.budget.hub_id) == (Decimal("7.50"), courtyard.hub_id)
    assert AuditEntry.objects.filter(action="volunteers.hours_confirm").count() == 2


def test_hours_a_volunteer_logs_count_once_confirmed(worked, tom, mia, courtyard):
    log = services.hours_log(shift=worked, actor=mia, volunteer=mia, hours="4.25")
    assert log.status == "proposed"
    assert not FundingSource.objects.exists()
    services.hours_confirm(log=log, actor=tom)
    assert source_hours(courtyard) == Decimal("4.25")
    assert Notification.objects.filter(recipient=mia, kind="volunteers").exists()
    with pytest.raises(ValidationError):
        services.hours_confirm(log=log, actor=tom)
    with pytest.raises(PermissionDenied):
        services.hours_confirm(log=log, actor=mia)


def test_the_source_is_kept_not_duplicated_and_recreated_if_deleted(worked, olga, mia, vic, courtyard):
    services.hours_log(shift=worked, actor=olga, volunteer=mia, hours="2")
    FundingSource.objects.all().delete()
    services.hours_log(shift=worked, actor=olga, volunteer=vic, hours="3")
    assert FundingSource.objects.count() == 1
    assert source_hours(courtyard) == Decimal("5.00")


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ("-2", "negative"),
        ("0", "zero"),
        ("30", "too_many"),
        ("24.5", "too_many"),
        ("abc", "invalid"),
        ("", "required"),
        ("1.234", "decimals"),
    ],
)
def test_bad_hours_are_refused(worked, olga, mia, hours, expected):
    with pytest.raises(ValidationError) as excinfo:
        services.hours_log(shift=worked, actor=olga, volunteer=mia, hours=hours)
    assert code(excinfo) == [expected]
    assert not HoursLog.objects.exists()


def test_more_than_24_hours_in_one_day_across_shifts_is_refused(builders, olga, mia, clock):
    early = make_shift(builders, olga, starts_at=SATURDAY - timedelta(hours=2), hours=1)
    late = make_shift(builders, olga, starts_at=SATURDAY + timedelta(hours=8), hours=1)
    for s in (early, late):
        services.sign_up(shift=s, user=mia)
    clock.move_to(SATURDAY + timedelta(hours=10))
    services.hours_log(shift=early, actor=olga, volunteer=mia, hours="20")
    with pytest.raises(ValidationError) as excinfo:
        services.hours_log(shift=late, actor=olga, volunteer=mia, hours="5")
    assert code(excinfo) == ["too_many"]


def test_hours_before_the_shift_are_refused(shift, olga, mia):
    services.sign_up(shift=shift, user=mia)
    with pytest.raises(ValidationError) as excinfo:
        services.hours_log(shift=shift, actor=olga, volunteer=mia, hours="3")
    assert code(excinfo) == "before_shift"


def test_hours_only_for_volunteers_with_a_place_and_once(worked, olga, mia, bob, vic):
    with pytest.raises(ValidationError) as excinfo:
        services.hours_log(shift=worked, actor=olga, volunteer=bob, hours="3")
    assert code(excinfo) == "no_place"
    services.hours_log(shift=worked, actor=mia, volunteer=mia, hours="3")
    with pytest.raises(ValidationError) as excinfo:
        services.hours_log(shift=worked, actor=olga, volunteer=mia, hours="3")
    assert code(excinfo) == "duplicate"
    with pytest.raises(PermissionDenied):
        services.hours_log(shift=worked, actor=vic, volunteer=mia, hours="3")


def test_confirmed_volunteers_for_closing_the_loop(shift, courtyard, mia, vic, bob):
    from apps.volunteers.selectors import confirmed_volunteers

    consent(mia)
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=shift, user=vic)
    services.sign_up(shift=shift, user=bob, waiting_list=True)
    assert set(confirmed_volunteers(initiative=courtyard)) == {mia, vic}


def test_calendar_feed_key_is_stable_and_renewable(mia):
    first = services.calendar_feed(user=mia).key
    assert services.calendar_feed(user=mia).key == first
    assert len(first) >= 30
    assert services.calendar_feed_renew(user=mia).key != first
