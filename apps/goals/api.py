"""API for goals, under /api/v1/: the UN catalogue, and each hub's goals and local targets.

Only what the public goal pages show. Titles come in English, Norwegian Bokmål and Swedish
(Swedish is the project's own translation, see data/sdg/README.md).
"""

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.goals import selectors
from apps.goals.models import HubGoal, LocalTarget, SdgGoal, SdgTarget
from apps.hubs.selectors import hub_get

router = Router(tags=["goals"])


class SdgGoalOut(Schema):
    number: int
    short_en: str
    short_nb: str
    short_sv: str
    title_en: str
    title_nb: str
    title_sv: str
    colour: str
    target_count: int


class SdgIndicatorOut(Schema):
    code: str
    title_en: str
    title_nb: str
    title_sv: str


class SdgTargetOut(Schema):
    code: str
    title_en: str
    title_nb: str
    title_sv: str
    indicators: list[SdgIndicatorOut]

    @staticmethod
    def resolve_indicators(obj: SdgTarget) -> list:
        return list(obj.indicators.all())


class SdgGoalDetailOut(SdgGoalOut):
    targets: list[SdgTargetOut]

    @staticmethod
    def resolve_targets(obj: SdgGoal) -> list:
        return list(obj.targets.all())


class LocalTargetOut(Schema):
    code: str
    title: str
    description: str
    measure: str
    due_year: int | None
    sdg_target: str
    sdg_goal: int

    @staticmethod
    def resolve_sdg_target(obj: LocalTarget) -> str:
        return obj.sdg_target.code

    @staticmethod
    def resolve_sdg_goal(obj: LocalTarget) -> int:
        return obj.sdg_target.goal_id


class HubGoalOut(Schema):
    code: str
    title: str
    description: str
    target_year: int | None
    baseline: str
    url: str
    sdg_goals: list[int]
    local_targets: list[LocalTargetOut]

    @staticmethod
    def resolve_url(obj: HubGoal) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_sdg_goals(obj: HubGoal) -> list[int]:
        return [goal.number for goal in obj.sdg_goals.all()]

    @staticmethod
    def resolve_local_targets(obj: HubGoal) -> list:
        return list(obj.local_targets.all())


class TaggedOut(Schema):
    type: str
    name: str
    url: str
    tags: list[str]


class HubGoalDetailOut(HubGoalOut):
    tagged: list[TaggedOut]


@router.get(
    "/sdg/goals",
    response=answers(list[SdgGoalOut], INVALID),
    summary="The 17 UN Sustainable Development Goals",
)
@paginate(LimitOffsetPagination)
def list_sdg_goals(request: HttpRequest) -> list[SdgGoal]:
    return list(selectors.sdg_goals())


@router.get(
    "/sdg/goals/{number}",
    response=answers(SdgGoalDetailOut, NOT_FOUND, INVALID),
    summary="One UN goal with targets and indicators",
)
def get_sdg_goal(request: HttpRequest, number: int) -> SdgGoal:
    return selectors.sdg_goal_get(number=number)


@router.get(
    "/hubs/{hub_slug}/goals",
    response=answers(list[HubGoalOut], NOT_FOUND, INVALID),
    summary="A hub's goals and local targets",
)
@paginate(LimitOffsetPagination)
def list_hub_goals(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    return selectors.hub_goals(hub=hub_get(slug=hub_slug))


@router.get(
    "/hubs/{hub_slug}/goals/{code}",
    response=answers(HubGoalDetailOut, NOT_FOUND),
    summary="One goal of a hub",
)
def get_hub_goal(request: HttpRequest, hub_slug: str, code: str) -> HubGoal:
    hub = hub_get(slug=hub_slug)
    goal = selectors.hub_goal_get(hub=hub, code=code)
    tagged = [
        {"type": group.label, "name": item.name, "url": item.url, "tags": [tag.label for tag in item.tags]}
        for group in selectors.objects_tagged_with(hub=hub, hub_goal=goal)
        for item in group.items
    ]
    goal.tagged = tagged  # type: ignore[attr-defined]
    return goal
