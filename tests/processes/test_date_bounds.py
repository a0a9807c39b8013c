"""A process's dates are sensible: a run starts within five years back and three ahead, a
phase's dates lie within five years back and ten ahead, and phases follow one another without
overlapping. Each refusal names the field and says what is wrong; nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.processes import services
from apps.processes.models import ProcessRun
from tests.processes.conftest import TODAY, phase

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-06-17T10:00:00+02:00")]

NOW = datetime.date(2026, 6, 17)


def code(exc: ValidationError, field: str) -> str:
    return exc.error_dict[field][0].code


@pytest.mark.parametrize("starts_on", [datetime.date(1900, 1, 1), datetime.date(9999, 1, 1)])
def test_a_run_far_away_is_refused(initiative, library, stella, starts_on):
    with pytest.raises(ValidationError) as exc:
        services.process_start(
            subject_initiative=initiative,
            template=library["stedskaping-6-6"],
            starts_on=starts_on,
            actor=stella,
        )
    assert code(exc.value, "starts_on") == "date_out_of_range"
    assert "Choose a date between" in exc.value.message_dict["starts_on"][0]
    assert not ProcessRun.objects.exists()


def test_a_run_within_the_window_starts(initiative, library, stella):
    for starts_on in (NOW - datetime.timedelta(days=5 * 365), NOW + datetime.timedelta(days=3 * 365)):
        run = services.process_start(
            subject_initiative=initiative,
            template=library["stedskaping-6-6"],
            starts_on=starts_on,
            actor=stella,
        )
        assert run.started_on == starts_on
        run.delete()


def test_a_phase_may_not_start_before_the_previous_one_is_due(run, olga):
    first, second = phase(run, 0), phase(run, 1)
    with pytest.raises(ValidationError) as exc:
        services.phase_set_dates(phase_run=second, actor=olga, starts_on=first.due_on, due_on=second.due_on)
    assert code(exc.value, "starts_on") == "overlaps_previous"
    assert first.shown_name in exc.value.message_dict["starts_on"][0]
    second.refresh_from_db()
    assert second.starts_on == first.due_on + datetime.timedelta(days=1)
    # The day after the previous one is due is fine.
    later = first.due_on + datetime.timedelta(days=3)
    services.phase_set_dates(phase_run=second, actor=olga, starts_on=later, due_on=second.due_on)


def test_a_phase_may_not_run_into_the_next_one(run, olga):
    first, second = phase(run, 0), phase(run, 1)
    with pytest.raises(ValidationError) as exc:
        services.phase_set_dates(phase_run=first, actor=olga, starts_on=TODAY, due_on=second.starts_on)
    assert code(exc.value, "due_on") == "overlaps_next"
    assert second.shown_name in exc.value.message_dict["due_on"][0]
    first.refresh_from_db()
    assert first.due_on == second.starts_on - datetime.timedelta(days=1)


@pytest.mark.parametrize("year", [1900, 9999])
def test_a_phase_far_away_is_refused(run, olga, year):
    last = run.phases.order_by("-position").first()
    with pytest.raises(ValidationError) as exc:
        services.phase_set_dates(
            phase_run=last, actor=olga, starts_on=last.starts_on, due_on=datetime.date(year, 1, 1)
        )
    assert code(exc.value, "due_on") in {"date_out_of_range", "dates"}
    if year == 9999:
        assert code(exc.value, "due_on") == "date_out_of_range"


def test_a_phase_lasts_at_most_five_years(run, olga):
    last = run.phases.order_by("-position").first()
    with pytest.raises(ValidationError) as exc:
        services.phase_set_dates(
            phase_run=last,
            actor=olga,
            starts_on=last.starts_on,
            due_on=last.starts_on + datetime.timedelta(days=6 * 366),
        )
    assert code(exc.value, "due_on") == "too_long"
    services.phase_set_dates(
        phase_run=last,
        actor=olga,
        starts_on=last.starts_on,
        due_on=last.starts_on + datetime.timedelta(days=400),
    )


def test_the_dates_form_shows_the_overlap(client, run, olga):
    first, second = phase(run, 0), phase(run, 1)
    client.force_login(olga)
    response = client.post(
        reverse("hubs:processes:phase_dates", args=["oslo", run.pk, second.pk]),
        {
            f"dates-{second.pk}-starts_on": first.starts_on.isoformat(),
            f"dates-{second.pk}-due_on": second.due_on.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "must start after the previous phase" in response.content.decode()
    second.refresh_from_db()
    assert second.starts_on == first.due_on + datetime.timedelta(days=1)
