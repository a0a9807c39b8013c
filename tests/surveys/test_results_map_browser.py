"""The survey results page in Chromium (issue 13, point 4): the map question's answers are drawn
on a map without a script error ("Cannot read properties of undefined (reading 'min')" was
Leaflet drawing on a map that had no view yet), in an initiative's space with a boundary and in
the hub's own space without one, with answers and with none."""

import pytest
from django.conf import settings
from django.test import Client

from apps.participation.spaces import Space
from apps.surveys import services
from apps.surveys.models import Question, Status
from tests.browser.conftest import wait_until

from .conftest import INSIDE, make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_page(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


@pytest.mark.parametrize("answers", [2, 0])
@pytest.mark.parametrize("where", ["initiative", "hub"])
def test_the_map_question_is_drawn_without_errors(
    browser, live_server, oslo, stella, mia, space, where, answers
):
    survey = make_survey(space if where == "initiative" else Space(hub=oslo), status=Status.OPEN)
    question = Question.objects.create(
        survey=survey, kind="point", text="Where do you cross?", required=False
    )
    single = Question.objects.create(
        survey=survey, position=2, kind="single", text="How often?", options=["Daily", "Weekly"]
    )
    for person in [mia, stella][:answers]:
        services.response_submit(survey=survey, user=person, answers={question.pk: INSIDE, single.pk: "0"})

    page = signed_in_page(browser, live_server, stella)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"/oslo/surveys/{survey.pk}/results/")
    wait_until(
        page,
        f"document.querySelector('[data-result-map=\"{question.pk}\"]').dataset.drawn !== undefined",
        60_000,
    )

    the_map = page.locator(f'[data-result-map="{question.pk}"]')
    assert the_map.is_visible()
    assert the_map.get_attribute("data-drawn") == str(answers)
    assert the_map.locator(".leaflet-control-zoom").count() == 1
    assert the_map.locator("path.leaflet-interactive").count() == answers + (where == "initiative")
    if answers:
        assert page.locator("canvas[data-result-chart]").first.is_visible()
    else:
        assert page.get_by_text("No answers yet.").is_visible()
    assert errors == []
    page.context.close()


def test_without_javascript_the_numbers_stand_in_for_the_map_and_chart(
    browser, live_server, stella, mia, survey
):
    question = Question.objects.create(
        survey=survey, kind="point", text="Where do you cross?", required=False
    )
    single = Question.objects.create(
        survey=survey, position=2, kind="single", text="How often?", options=["Daily", "Weekly"]
    )
    services.response_submit(survey=survey, user=mia, answers={question.pk: INSIDE, single.pk: "1"})

    page = signed_in_page(browser, live_server, stella, java_script_enabled=False)
    page.goto(f"/oslo/surveys/{survey.pk}/results/")
    assert page.locator(f'[data-result-map="{question.pk}"]').is_hidden()
    assert page.locator(".result-chart").is_hidden()
    assert page.locator(".results-table").is_visible()
    page.get_by_text("The points as coordinates").click()
    assert page.get_by_text("10.75000, 59.92000").is_visible()
    page.context.close()
