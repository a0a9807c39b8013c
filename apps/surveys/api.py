"""API for surveys and concept votes, under /api/v1/. Aggregated results only: no respondents,
no free text, map points rounded to about 100 m."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import FORBIDDEN, INVALID, NOT_FOUND, answers
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


@router.get(
    "/hubs/{hub_slug}/spaces/{space}/surveys",
    response=answers(list[SurveyOut], NOT_FOUND, INVALID),
)
@paginate(LimitOffsetPagination)
def list_space_surveys(request: HttpRequest, hub_slug: str, space: str) -> list[Any]:
    """A space's published surveys with their status (space: hub, i-<initiative>, a-<area>)."""
    hub = hub_get(slug=hub_slug)
    return [
        _with_url(s)
        for s in selectors.space_surveys(space=space_from_key(hub, space)).order_by("-created_at")
    ]


@router.get(
    "/hubs/{hub_slug}/spaces/{space}/votes",
    response=answers(list[VoteOut], NOT_FOUND, INVALID),
)
@paginate(LimitOffsetPagination)
def list_space_votes(request: HttpRequest, hub_slug: str, space: str) -> list[Any]:
    """A space's published concept votes with their status."""
    hub = hub_get(slug=hub_slug)
    return [
        _with_url(v) for v in selectors.space_votes(space=space_from_key(hub, space)).order_by("-created_at")
    ]


@router.get(
    "/hubs/{hub_slug}/surveys/{survey_id}/results",
    response=answers(SurveyResultsOut, FORBIDDEN, NOT_FOUND, INVALID),
)
def get_survey_results(request: HttpRequest, hub_slug: str, survey_id: int) -> dict[str, Any]:
    """Aggregated results per question, once the survey has closed."""
    hub = hub_get(slug=hub_slug)
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


@router.get(
    "/hubs/{hub_slug}/votes/{vote_id}/results",
    response=answers(VoteResultsOut, FORBIDDEN, NOT_FOUND, INVALID),
)
def get_vote_results(request: HttpRequest, hub_slug: str, vote_id: int) -> dict[str, Any]:
    """Votes per concept with shares, and how many joined the project group."""
    hub = hub_get(slug=hub_slug)
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
