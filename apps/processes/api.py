"""API for processes, under /api/v1/: the template library and an initiative's phases.

Constant queries: a template comes with its phases, activities and deliverables in four
queries; an initiative's phases with their deliverables in a handful, however many there are.
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.hubs.selectors import hub_get
from apps.processes import selectors
from apps.processes.models import (
    ActivityTemplate,
    Deliverable,
    DeliverableTemplate,
    PhaseRun,
    PhaseTemplate,
    ProcessTemplate,
)

router = Router(tags=["processes"])


class ActivityTemplateOut(Schema):
    role: str
    text: dict[str, str]

    @staticmethod
    def resolve_text(obj: ActivityTemplate) -> dict[str, str]:
        return obj.text


class DeliverableTemplateOut(Schema):
    key: str
    name: dict[str, str]
    kind: str
    required: bool
    help: dict[str, str]


class PhaseTemplateOut(Schema):
    key: str
    name: dict[str, str]
    description: dict[str, str]
    duration_days: int
    activities: list[ActivityTemplateOut]
    deliverables: list[DeliverableTemplateOut]
    helpful_templates: list[dict]  # type: ignore[type-arg]

    @staticmethod
    def resolve_activities(obj: PhaseTemplate) -> list[ActivityTemplate]:
        return list(obj.activities.all())

    @staticmethod
    def resolve_deliverables(obj: PhaseTemplate) -> list[DeliverableTemplate]:
        return list(obj.deliverables.all())


class TemplateOut(Schema):
    key: str
    version: int
    name: dict[str, str]
    description: dict[str, str]
    phase_count: int
    total_days: int

    @staticmethod
    def resolve_phase_count(obj: ProcessTemplate) -> int:
        return len(obj.phases.all())

    @staticmethod
    def resolve_total_days(obj: ProcessTemplate) -> int:
        return selectors.total_days(obj)


class TemplateDetailOut(TemplateOut):
    phases: list[PhaseTemplateOut]

    @staticmethod
    def resolve_phases(obj: ProcessTemplate) -> list[PhaseTemplate]:
        return list(obj.phases.all())


class DeliverableOut(Schema):
    key: str
    name: str
    kind: str
    required: bool
    done: bool
    done_at: datetime | None
    url: str


class PhaseOut(Schema):
    position: int
    key: str
    name: str
    description: str
    status: str
    starts_on: date
    due_on: date
    overdue: bool
    closed_at: datetime | None
    close_reason: str
    deliverables: list[DeliverableOut]

    @staticmethod
    def resolve_overdue(obj: PhaseRun) -> bool:
        return obj.overdue

    @staticmethod
    def resolve_deliverables(obj: PhaseRun) -> list[Deliverable]:
        return list(obj.deliverables.all())


@router.get(
    "/process-templates",
    response=answers(list[TemplateOut], INVALID),
    summary="The library of process templates",
)
@paginate(LimitOffsetPagination)
def list_process_templates(request: HttpRequest) -> list[ProcessTemplate]:
    return list(selectors.library_templates())


@router.get(
    "/process-templates/{key}", response=answers(TemplateDetailOut, NOT_FOUND), summary="One process template"
)
def get_process_template(request: HttpRequest, key: str) -> ProcessTemplate:
    return selectors.library_template_get(key=key)


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/phases",
    response=answers(list[PhaseOut], NOT_FOUND),
    summary="The phases of an initiative's process, with deliverables, statuses and dates",
)
def list_initiative_phases(request: HttpRequest, hub_slug: str, initiative_slug: str) -> list[PhaseRun]:
    hub = hub_get(slug=hub_slug)
    return selectors.run_phases_for_api(hub=hub, initiative_slug=initiative_slug)
