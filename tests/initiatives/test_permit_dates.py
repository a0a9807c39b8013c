"""A permit's dates are sensible: applied within ten years back and one ahead, decided within
ten years back and two ahead, never decided before applied, and an approval or rejection not
dated in the future. Old dates stay editable around when they do not change."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.initiatives import services
from apps.initiatives.models import Permit

pytestmark = pytest.mark.clock("2026-06-17T10:00:00+02:00")

TODAY = datetime.date(2026, 6, 17)


def create(initiative, actor, **fields):
    return services.permit_create(initiative=initiative, actor=actor, what="Street use", **fields)


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("applied_on", datetime.date(1900, 1, 1)),
        ("applied_on", TODAY + datetime.timedelta(days=400)),
        ("decided_on", datetime.date(9999, 12, 31)),
    ],
)
def test_dates_out_of_the_window_are_refused(initiative, tom, field, day):
    with pytest.raises(ValidationError) as exc:
        create(initiative, tom, status="applied", **{field: day})
    assert exc.value.error_dict[field][0].code == "date_out_of_range"
    assert "Choose a date between" in exc.value.message_dict[field][0]
    assert not Permit.objects.exists()


def test_dates_inside_the_window_are_kept(initiative, tom):
    permit = create(
        initiative,
        tom,
        status="applied",
        applied_on=TODAY - datetime.timedelta(days=9 * 365),
        decided_on=TODAY + datetime.timedelta(days=700),
    )
    assert permit.decided_on == TODAY + datetime.timedelta(days=700)


def test_a_decision_made_is_not_dated_in_the_future(initiative, tom):
    with pytest.raises(ValidationError) as exc:
        create(
            initiative,
            tom,
            status="approved",
            applied_on=TODAY,
            decided_on=TODAY + datetime.timedelta(days=1),
        )
    assert exc.value.error_dict["decided_on"][0].code == "future"
    assert create(initiative, tom, status="approved", applied_on=TODAY, decided_on=TODAY).status == "approved"


def test_an_old_permit_keeps_its_dates_when_edited(initiative, tom, clock):
    permit = create(initiative, tom, status="approved", applied_on=TODAY, decided_on=TODAY)
    clock.shift(datetime.timedelta(days=11 * 366))
    services.permit_update(
        permit=permit,
        actor=tom,
        what="Street use (renewed)",
        status="approved",
        applied_on=TODAY,
        decided_on=TODAY,
    )
    permit.refresh_from_db()
    assert permit.what == "Street use (renewed)"


def test_the_permit_form_shows_the_window(client, initiative, tom):
    client.force_login(tom)
    response = client.post(
        f"/oslo/initiatives/{initiative.slug}/permits/",
        {"what": "Street", "authority": "City", "status": "applied", "applied_on": "1900-01-01"},
    )
    assert response.status_code == 400
    assert "Choose a date between" in response.content.decode()
    assert not Permit.objects.exists()
