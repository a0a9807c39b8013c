"""API for dialogues, under /api/v1/: the published dialogues of a hub and only their published
parts (a part the leads keep confidential is `null`). A confidential dialogue is a 404 for
everyone, as if it did not exist; private notes, meeting notes and people are never here."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.dialogues import selectors
from apps.dialogues.models import Dialogue, NextStep, Value
from apps.hubs.selectors import hub_get

router = Router(tags=["dialogues"])


class DialogueOrganisationOut(Schema):
    name: str
    slug: str
    role: str


class DialogueValueOut(Schema):
    kind: str
    description: str
    role: str
    organisation: str | None
    sdg_targets: list[str]
    hub_goals: list[str]

    @staticmethod
    def resolve_role(obj: Value) -> str:
        return obj.participant.role

    @staticmethod
    def resolve_organisation(obj: Value) -> str | None:
        return obj.participant.organisation.name if obj.participant.organisation else None

    @staticmethod
    def resolve_sdg_targets(obj: Value) -> list[str]:
        return [t.code for t in obj.sdg_targets.all()]

    @staticmethod
    def resolve_hub_goals(obj: Value) -> list[str]:
        return [g.code for g in obj.hub_goals.all()]


class DialogueNextStepOut(Schema):
    title: str
    due_on: date | None
    status: str

    @staticmethod
    def resolve_title(obj: NextStep) -> str:
        return obj.task.title

    @staticmethod
    def resolve_due_on(obj: NextStep) -> date | None:
        return obj.task.due_on

    @staticmethod
    def resolve_status(obj: NextStep) -> str:
        return obj.task.status


class DialogueOut(Schema):
    id: int
    title: str
    stage: str
    status: str
    area: str | None
    initiative: str | None
    url: str
    updated_at: datetime
    published_parts: list[str]
    summary: str
    conditions: str | None
    goals: str | None
    solutions: str | None
    organisations: list[DialogueOrganisationOut] | None
    values: list[DialogueValueOut] | None
    meetings: list[date] | None
    next_steps: list[DialogueNextStepOut] | None

    @staticmethod
    def resolve_area(obj: Dialogue) -> str | None:
        return obj.area.code if obj.area else None

    @staticmethod
    def resolve_initiative(obj: Dialogue) -> str | None:
        return obj.initiative.slug if obj.initiative else None

    @staticmethod
    def resolve_url(obj: Dialogue) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_conditions(obj: Dialogue) -> str | None:
        return obj.conditions if obj.is_published("conditions") else None

    @staticmethod
    def resolve_goals(obj: Dialogue) -> str | None:
        return obj.goals if obj.is_published("goals") else None

    @staticmethod
    def resolve_solutions(obj: Dialogue) -> str | None:
        return obj.solutions if obj.is_published("solutions") else None

    @staticmethod
    def resolve_organisations(obj: Dialogue) -> list[dict[str, str]] | None:
        if not obj.is_published("organisations"):
            return None
        # Organisations that take part as themselves; a person (even for an organisation) never.
        return [
            {"name": p.organisation.name, "slug": p.organisation.slug, "role": p.role}
            for p in obj.participants.all()
            if p.organisation is not None and p.user_id is None
        ]

    @staticmethod
    def resolve_values(obj: Dialogue) -> list[Value] | None:
        return list(obj.values.all()) if obj.is_published("values") else None

    @staticmethod
    def resolve_meetings(obj: Dialogue) -> list[date] | None:
        return [m.held_on for m in obj.meetings.all()] if obj.is_published("meetings") else None

    @staticmethod
    def resolve_next_steps(obj: Dialogue) -> list[NextStep] | None:
        return list(obj.next_steps.all()) if obj.is_published("next_steps") else None


@router.get("/hubs/{hub_slug}/dialogues", response=answers(list[DialogueOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_dialogues(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    """A hub's published value-creating dialogues (latest changed first), each with only the
    parts its leads published."""
    return selectors.public_dialogues(hub=hub_get(slug=hub_slug))


@router.get("/hubs/{hub_slug}/dialogues/{dialogue_id}", response=answers(DialogueOut, NOT_FOUND, INVALID))
def get_dialogue(request: HttpRequest, hub_slug: str, dialogue_id: int) -> Dialogue:
    """One published dialogue with its published parts; 404 for a confidential one."""
    hub = hub_get(slug=hub_slug)
    return selectors.dialogue_get(hub=hub, pk=dialogue_id, user=request.user, public=True)
