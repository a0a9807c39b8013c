"""A survey's or concept vote's opening and closing times are sensible: within a year back and
two years ahead, the close not before the opening, open at most two years. Each refusal is on
its field; nothing is saved; old dates stay editable around when they do not change."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.surveys import services
from apps.surveys.models import ConceptVote, Survey

pytestmark = pytest.mark.clock("2026-06-17T10:00:00+02:00")


def at(year, month=6, day=1):
    return datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


@pytest.mark.parametrize("create", [services.survey_create, services.vote_create])
@pytest.mark.parametrize(("field", "year"), [("opens_at", 1900), ("closes_at", 9999), ("opens_at", 2029)])
def test_times_out_of_the_window_are_refused(space, stella, create, field, year):
    with pytest.raises(ValidationError) as exc:
        create(space=space, actor=stella, title="Trafikk", **{field: at(year)})
    assert exc.value.error_dict[field][0].code == "date_out_of_range"
    assert "Choose a date between" in exc.value.message_dict[field][0]
    assert not Survey.objects.exists() and not ConceptVote.objects.exists()


@pytest.mark.parametrize(
    ("create", "words"), [(services.survey_create, "survey"), (services.vote_create, "vote")]
)
def test_the_close_comes_after_the_opening(space, stella, create, words):
    with pytest.raises(ValidationError) as exc:
        create(space=space, actor=stella, title="T", opens_at=at(2026, 7, 2), closes_at=at(2026, 7, 1))
    assert exc.value.error_dict["closes_at"][0].code == "ends_before_start"
    assert f"The {words} cannot close before it opens." in exc.value.message_dict["closes_at"][0]


def test_a_survey_within_the_window_is_saved(space, stella):
    survey = services.survey_create(
        space=space, actor=stella, title="T", opens_at=at(2025, 7, 1), closes_at=at(2027, 6, 1)
    )
    assert survey.closes_at == at(2027, 6, 1)


def test_a_survey_is_open_at_most_two_years(space, stella):
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            space=space, actor=stella, title="T", opens_at=at(2025, 7, 1), closes_at=at(2027, 8, 1)
        )
    assert exc.value.error_dict["closes_at"][0].code == "too_long"


def test_an_old_survey_can_be_renamed(space, stella, clock):
    survey = services.survey_create(
        space=space, actor=stella, title="T", opens_at=at(2026, 7, 1), closes_at=at(2026, 8, 1)
    )
    clock.shift(timedelta(days=3 * 366))
    services.survey_update(survey=survey, actor=stella, title="Trafikk 2026")
    with pytest.raises(ValidationError):
        services.survey_update(survey=survey, actor=stella, closes_at=at(2026, 9, 1))


def test_the_survey_form_shows_the_window(client, space, olga):
    client.force_login(olga)
    response = client.post(
        "/oslo/surveys/new/i-gronn-gardsplass/",
        {"title": "Trafikk", "intro": "", "opens_at": "2040-01-02T10:00", "closes_at": ""},
    )
    assert response.status_code == 400
    assert "Choose a date between" in response.content.decode()
    assert not Survey.objects.exists()


# A point answer lies inside the hub ---------------------------------------------------------


def test_a_point_answer_outside_the_hub_is_refused(oslo, stella, mia):
    from apps.hubs import services as hub_services
    from apps.participation.spaces import Space
    from apps.surveys.models import Answer, Question, Response
    from tests.surveys.conftest import make_survey

    hub_services.hub_set_bounds(
        hub=oslo,
        actor=stella,
        bounds_min_lon=10.4,
        bounds_min_lat=59.8,
        bounds_max_lon=11.0,
        bounds_max_lat=60.1,
    )
    survey = make_survey(Space(hub=oslo))
    question = Question.objects.create(survey=survey, kind="point", text="Where?")
    with pytest.raises(ValidationError) as exc:
        services.response_submit(
            survey=survey, user=mia, answers={question.pk: {"lon": "5.32", "lat": "60.39"}}
        )
    assert "outside the areas of Pådriv Oslo" in " ".join(exc.value.message_dict[f"q{question.pk}"])
    assert not Response.objects.exists()
    services.response_submit(survey=survey, user=mia, answers={question.pk: {"lon": "10.9", "lat": "60.0"}})
    assert Answer.objects.get().lon == 10.9
