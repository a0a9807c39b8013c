"""API for surveys and concept votes, under /api/v1/. Aggregated results only: no respondents,
no free text, map points rounded to about 100 m."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from apps.hubs.selectors import hub_get
from apps.participation.spaces import space_from_key
from apps.surveys import selectors

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    accepting: bool
    finished: bool
    opens_at: datetime | None
    closes_at: datetime | None
    question_count: int
    response_count: int
    url: str


class VoteOut(Schema):
    id: int
    title: str
    status: str
    accepting: bool
    finished: bool
    opens_at: datetime | None
    closes_at: datetime | None
    concept_count: int
    ballot_count: int
    url: str


class OptionOut(Schema):
    label: str
    count: int
    share: float
    mean_rank: float | None = None
    points: int | None = None


class ScaleValueOut(Schema):
    value: int
    count: int
    share: float


class QuestionResultOut(Schema):
    id: int
    position: int
    text: str
    kind: str
    answered: int
    options: list[OptionOut] | None = None
    values: list[ScaleValueOut] | None = None
    mean: float | None = None
    median: float | None = None
    points: list[list[float]] | None = None


class SurveyResultsOut(Schema):
    id: int
    title: str
    status: str
    response_count: int
    questions: list[QuestionResultOut]


class ConceptResultOut(Schema):
    id: int
    title: str
    votes: int
    share: float


class VoteResultsOut(Schema):
    id: int
    title: str
    status: str
    total: int
    joined: int
    concepts: list[ConceptResultOut]


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, _("The results are not public yet."))


def _with_url(item: Any) -> Any:
    item.url = item.get_absolute_url()
    return item


@router.get("/hubs/{slug}/spaces/{space}/surveys", response=list[SurveyOut])
def space_surveys(request: HttpRequest, slug: str, space: str) -> list[Any]:
    """A space's published surveys with their status (space: hub, i-<initiative>, a-<area>)."""
    hub = hub_get(slug=slug)
    return [
        _with_url(s)
        for s in selectors.space_surveys(space=space_from_key(hub, space)).order_by("-created_at")
    ]


@router.get("/hubs/{slug}/spaces/{space}/votes", response=list[VoteOut])
def space_votes(request: HttpRequest, slug: str, space: str) -> list[Any]:
    """A space's published concept votes with their status."""
    hub = hub_get(slug=slug)
    return [
        _with_url(v) for v in selectors.space_votes(space=space_from_key(hub, space)).order_by("-created_at")
    ]


@router.get("/hubs/{slug}/surveys/{survey_id}/results", response=SurveyResultsOut)
def survey_results(request: HttpRequest, slug: str, survey_id: int) -> dict[str, Any]:
    """Aggregated results per question, once the survey has closed."""
    hub = hub_get(slug=slug)
    survey = selectors.survey_get(hub=hub, pk=survey_id)
    _require(request, "surveys.view_survey_results", survey)
    results = selectors.survey_results(survey=survey)
    questions = []
    for item in results["questions"]:
        out = {k: item[k] for k in ("id", "position", "text", "kind", "answered")}
        if "options" in item:
            out["options"] = item["options"]
        if "scale" in item:
            out["values"] = item["scale"]
            out["mean"], out["median"] = item["mean"], item["median"]
        if "points" in item:
            out["points"] = [[round(lon, 3), round(lat, 3)] for lon, lat in item["points"]]
        questions.append(out)
    return {
        "id": survey.pk,
        "title": survey.title,
        "status": survey.status,
        "response_count": results["response_count"],
        "questions": questions,
    }


@router.get("/hubs/{slug}/votes/{vote_id}/results", response=VoteResultsOut)
def vote_results(request: HttpRequest, slug: str, vote_id: int) -> dict[str, Any]:
    """Votes per concept with shares, and how many joined the project group."""
    hub = hub_get(slug=slug)
    vote = selectors.vote_get(hub=hub, pk=vote_id)
    _require(request, "surveys.view_vote_results", vote)
    results = selectors.vote_results(vote=vote)
    return {
        "id": vote.pk,
        "title": vote.title,
        "status": vote.status,
        "total": results["total"],
        "joined": results["joined"],
        "concepts": results["concepts"],
    }
