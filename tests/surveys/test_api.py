"""API: shapes, no personal data, results only when public, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.surveys import services
from apps.surveys.models import Ballot, Status
from tests.factories import UserFactory
from tests.surveys.conftest import add_questions, answers_for, make_survey, make_vote

pytestmark = pytest.mark.django_db


def test_space_surveys_lists_published_surveys_with_status(client, space):
    open_survey = make_survey(space, title="Open")
    make_survey(space, title="Closed", status=Status.CLOSED)
    make_survey(space, title="Draft", status=Status.DRAFT)
    add_questions(open_survey)
    data = client.get("/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/surveys").json()["items"]
    assert {(s["title"], s["status"]) for s in data} == {("Open", "open"), ("Closed", "closed")}
    first = next(s for s in data if s["title"] == "Open")
    assert first["question_count"] == 6 and first["response_count"] == 0
    assert first["url"] == f"/oslo/surveys/{open_survey.pk}/"
    assert client.get("/api/v1/hubs/oslo/spaces/i-nope/surveys").status_code == 404
    assert client.get("/api/v1/hubs/oslo/spaces/hub/surveys").json() == {"items": [], "count": 0}


def test_survey_results_are_aggregated_without_personal_data(client, space):
    survey = make_survey(space)
    questions = add_questions(survey)
    people = [UserFactory(name=f"Secret Person {n}") for n in range(3)]
    for person in people:
        services.response_submit(
            survey=survey, user=person, answers=answers_for(questions, text="my phone 12345678")
        )
    results = f"/api/v1/hubs/oslo/surveys/{survey.pk}/results"
    assert client.get(results).status_code == 403  # still open
    survey.status = Status.CLOSED
    survey.save()
    response = client.get(results)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Secret Person" not in body and "12345678" not in body and "@" not in body
    data = response.json()
    assert data["response_count"] == 3
    kinds = {q["kind"]: q for q in data["questions"]}
    assert kinds["single"]["options"][1] == {
        "label": "Summer",
        "count": 3,
        "share": 100.0,
        "mean_rank": None,
        "points": None,
    }
    assert [v["count"] for v in kinds["scale"]["values"]] == [0, 0, 0, 3, 0]
    assert kinds["scale"]["mean"] == 4.0
    assert kinds["ranking"]["options"][1]["points"] == 9
    assert kinds["text"]["answered"] == 3
    assert kinds["point"]["points"] == [[10.75, 59.92]] * 3
    assert client.get(f"/api/v1/hubs/sodertorn/surveys/{survey.pk}/results").status_code == 404


def test_vote_results(client, space):
    vote = make_vote(space, results_live=True)
    concepts = list(vote.concepts.all())
    for n in range(5):
        Ballot.objects.create(vote=vote, voter=UserFactory(), concept=concepts[n % 2], wants_to_join=n == 0)
    data = client.get(f"/api/v1/hubs/oslo/votes/{vote.pk}/results").json()
    assert data["total"] == 5 and data["joined"] == 0
    assert [(c["title"], c["votes"], c["share"]) for c in data["concepts"]] == [
        ("Concept A", 3, 60.0),
        ("Concept B", 2, 40.0),
        ("Concept C", 0, 0.0),
    ]
    hidden = make_vote(space)
    assert client.get(f"/api/v1/hubs/oslo/votes/{hidden.pk}/results").status_code == 403


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(space, n: int) -> None:
    for i in range(n):
        survey = make_survey(space, status=Status.CLOSED, title=f"S{i}")
        questions = add_questions(survey)
        from apps.surveys.models import Answer, Response

        response = Response.objects.create(survey=survey, respondent=UserFactory())
        Answer.objects.create(response=response, question=questions["scale"], number=3)
        vote = make_vote(space, status=Status.CLOSED, title=f"V{i}")
        Ballot.objects.create(vote=vote, voter=UserFactory(), concept=vote.concepts.first())


def test_query_counts_stay_constant(client, space):
    _grow(space, 2)
    urls = [
        "/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/surveys",
        "/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/votes",
    ]
    small = [_queries(client, u) for u in urls]
    _grow(space, 4)
    assert [_queries(client, u) for u in urls] == small

    survey = make_survey(space, status=Status.CLOSED)
    questions = add_questions(survey)
    vote = make_vote(space, status=Status.CLOSED)
    results = [f"/api/v1/hubs/oslo/surveys/{survey.pk}/results", f"/api/v1/hubs/oslo/votes/{vote.pk}/results"]

    def answer(n: int) -> None:
        from apps.surveys.models import Answer, Response

        for _ in range(n):
            response = Response.objects.create(survey=survey, respondent=UserFactory())
            Answer.objects.create(response=response, question=questions["single"], choices=[0])
            Answer.objects.create(response=response, question=questions["point"], lon=10.75, lat=59.92)
            Ballot.objects.create(vote=vote, voter=UserFactory(), concept=vote.concepts.last())

    answer(3)
    small = [_queries(client, u) for u in results]
    answer(6)
    assert [_queries(client, u) for u in results] == small
    assert small[0] <= 6


def test_page_query_counts_stay_constant(client, space, stella):
    survey = make_survey(space, status=Status.CLOSED)
    add_questions(survey)
    client.force_login(stella)
    pages = [
        "/oslo/surveys/",
        f"/oslo/surveys/{survey.pk}/results/",
        f"/oslo/surveys/{survey.pk}/results.csv",
    ]
    _grow(space, 2)
    small = [_queries(client, u) for u in pages]
    _grow(space, 4)
    assert [_queries(client, u) for u in pages] == small
