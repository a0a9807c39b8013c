"""The decision brief's resident-group view: who took part in an area, by group (idea authors,
survey respondents and voters, online and on paper), small counts suppressed; nothing when the
hub does not ask about groups."""

import pytest

from apps.participation.spaces import Space
from apps.residents.models import DemographicQuestion
from apps.surveys.models import Ballot, Response
from tests.residents.conftest import areas, groups_on  # noqa: F401 - fixtures
from tests.surveys.conftest import make_survey, make_vote

pytestmark = pytest.mark.django_db


def _age_key(hub) -> str:
    return str(DemographicQuestion.objects.get(hub=hub, kind=DemographicQuestion.Kind.AGE).pk)


def _brief(client, area) -> str:
    response = client.get(f"/{area.hub.slug}/areas/{area.code}/brief/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_brief_shows_who_took_part_by_group(client, oslo, areas, groups_on):  # noqa: F811
    area = areas[0]
    age = _age_key(oslo)
    survey = make_survey(Space(hub=oslo, area=area), title="Hva trenger Gamle Oslo?")
    vote = make_vote(Space(hub=oslo, area=area), title="Hvilken benk?")
    concept = vote.concepts.first()
    for _ in range(6):
        Response.objects.create(survey=survey, groups={age: "20-34"})
    for _ in range(7):
        Ballot.objects.create(vote=vote, concept=concept, groups={age: "35-49"})
    Response.objects.create(survey=survey, groups={age: "80+"})  # one person: never shown as one
    for _ in range(2):
        Response.objects.create(survey=survey, groups={age: "65-79"})

    page = _brief(client, area)
    section = page[page.index("Who took part, by resident group") :]
    assert "20–34" in section and ">6<" in section
    assert "35–49" in section and ">7<" in section
    # The one person aged 80 or older is never shown as one (and no second number gives them away).
    body = (
        section[section.index('id="brief-resident-groups"') :]
        if 'id="brief-resident-groups"' in section
        else section
    )
    assert ">1<" not in body.split("brief-surveys")[0] and ">2<" not in body.split("brief-surveys")[0]


def test_no_resident_group_view_when_the_hub_does_not_ask(client, oslo, areas):  # noqa: F811
    survey = make_survey(Space(hub=oslo, area=areas[0]))
    for _ in range(6):
        Response.objects.create(survey=survey)
    assert "Who took part, by resident group" not in _brief(client, areas[0])
