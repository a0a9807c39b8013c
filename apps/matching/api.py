"""API for matching, under /api/v1/.

- `list_my_suggestions`: initiatives of the hub suggested to the signed-in member (a personal
  token, read or write, or the session), each with its reasons.
- `list_initiative_needs`: an initiative's needs (public, as on its page).
- `list_initiative_suggestions`: members (approved, with a public profile — nobody else, ever)
  and approved partner organisations for an initiative's needs, for its team and the hub's leads.
- `list_introductions`: the hub's introductions, for its stewards and network lead.
- `create_introduction`: a hub lead introduces a member or partner organisation (write token).
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from apps.accounts.api_auth import TokenAuth, token_write
from apps.accounts.models import User
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.initiatives.selectors import initiative_get
from apps.matching import selectors, services
from apps.matching.models import Introduction, Need
from apps.organisations.models import Organisation

router = Router(tags=["matching"])
token_read = TokenAuth(write=False)
SIGNED_IN_AUTH = [token_read, django_auth]


class MatchingReasonOut(Schema):
    competences: list[str]
    places: list[str]
    goals: list[str]
    words: list[str]


class MatchingInitiativeOut(Schema):
    slug: str
    title: str
    summary: str
    url: str
    score: float
    reasons: MatchingReasonOut


class MatchingCandidateOut(Schema):
    kind: str
    id: int
    name: str
    score: float
    reasons: MatchingReasonOut


class MatchingNeedOut(Schema):
    id: int
    kind: str
    competence: str | None
    text: str

    @staticmethod
    def resolve_competence(obj: Need) -> str | None:
        return obj.competence.slug if obj.competence is not None else None


class MatchingIntroductionOut(Schema):
    id: int
    initiative: str
    kind: str
    name: str
    status: str
    reasons: list[str]
    created: datetime
    answered: datetime | None

    @staticmethod
    def resolve_initiative(obj: Introduction) -> str:
        return obj.initiative.slug

    @staticmethod
    def resolve_kind(obj: Introduction) -> str:
        return "member" if obj.user_id is not None else "organisation"

    @staticmethod
    def resolve_name(obj: Introduction) -> str:
        if obj.organisation_id is not None:
            return obj.organisation.name  # type: ignore[union-attr]
        user: Any = obj.user
        return user.name if user.profile.consent_public_profile and user.name else "A member of the hub"

    @staticmethod
    def resolve_created(obj: Introduction) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_answered(obj: Introduction) -> datetime | None:
        return obj.answered_at


class MatchingIntroductionIn(Schema):
    user_id: int | None = None
    organisation_id: int | None = None
    note: str = ""


def _reasons(s: selectors.Suggestion) -> dict[str, list[str]]:
    r = s.reason
    return {"competences": r.competences, "places": r.places, "goals": r.goals, "words": r.words}


@router.get(
    "/hubs/{hub_slug}/matching/suggestions",
    response=answers(list[MatchingInitiativeOut], SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID),
    auth=SIGNED_IN_AUTH,
    summary="Initiatives suggested to me",
)
@paginate(LimitOffsetPagination)
def list_my_suggestions(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    hub = hub_get(slug=hub_slug)
    require(request.user, "matching.view_my_suggestions", hub)
    return [
        {
            "slug": s.obj.slug,
            "title": s.obj.title,
            "summary": s.obj.summary,
            "url": s.obj.get_absolute_url(),
            "score": s.score,
            "reasons": _reasons(s),
        }
        for s in selectors.suggestions_for_member(hub=hub, user=request.user)
    ]


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/needs",
    response=answers(list[MatchingNeedOut], NOT_FOUND, INVALID),
    summary="An initiative's needs",
)
@paginate(LimitOffsetPagination)
def list_initiative_needs(request: HttpRequest, hub_slug: str, initiative_slug: str):  # type: ignore[no-untyped-def]
    initiative = initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    return selectors.needs(initiative=initiative)


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/suggestions",
    response=answers(list[MatchingCandidateOut], SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID),
    auth=SIGNED_IN_AUTH,
    summary="Members and partner organisations for an initiative's needs",
)
@paginate(LimitOffsetPagination)
def list_initiative_suggestions(request: HttpRequest, hub_slug: str, initiative_slug: str):  # type: ignore[no-untyped-def]
    initiative = initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    require(request.user, "matching.view_suggestions", initiative)
    people, organisations = selectors.suggestions_for_initiative(initiative=initiative)
    out = [
        {"kind": "member", "id": s.obj.pk, "name": s.obj.name, "score": s.score, "reasons": _reasons(s)}
        for s in people
    ]
    out += [
        {"kind": "organisation", "id": s.obj.pk, "name": s.obj.name, "score": s.score, "reasons": _reasons(s)}
        for s in organisations
    ]
    return out


@router.get(
    "/hubs/{hub_slug}/matching/introductions",
    response=answers(list[MatchingIntroductionOut], SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID),
    auth=SIGNED_IN_AUTH,
    summary="The hub's introductions (stewards)",
)
@paginate(LimitOffsetPagination)
def list_introductions(request: HttpRequest, hub_slug: str, status: str = ""):  # type: ignore[no-untyped-def]
    hub = hub_get(slug=hub_slug)
    require(request.user, "matching.view_introductions", hub)
    valid = status if status in Introduction.Status.values else ""
    return selectors.introductions(hub=hub, status=valid).select_related("user__profile")


@router.post(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/introductions",
    response={
        201: MatchingIntroductionOut,
        **answers(MatchingIntroductionOut, BAD_REQUEST, SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID),
    },
    auth=token_write,
    summary="Introduce a member or partner organisation to an initiative",
)
def create_introduction(
    request: HttpRequest, hub_slug: str, initiative_slug: str, payload: MatchingIntroductionIn
):  # type: ignore[no-untyped-def]
    initiative = initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    require(request.user, "matching.introduce", initiative)
    user = User.objects.filter(pk=payload.user_id).first() if payload.user_id else None
    organisation = (
        Organisation.objects.filter(pk=payload.organisation_id).first() if payload.organisation_id else None
    )
    if (payload.user_id and user is None) or (payload.organisation_id and organisation is None):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"user": ValidationError(_("No such member or organisation."), code="unknown")})
    introduction = services.introduction_create(
        actor=request.user, initiative=initiative, user=user, organisation=organisation, note=payload.note
    )
    return Status(
        201,
        selectors.introductions(hub=initiative.hub).select_related("user__profile").get(pk=introduction.pk),
    )
