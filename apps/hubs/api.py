"""Read API for hubs: the hubs, and each hub's public members, partners and working groups.

Only what is public on the web pages is public here: approved members who consented, with
contact details only when they consented to that too.
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.core.api_pagination import CursorOrOffsetPagination, counted
from apps.hubs import selectors
from apps.hubs.models import Hub, Membership, Partnership, WorkingGroup
from apps.hubs.versions import hub_cached

router = Router(tags=["hubs"])


class HubOut(Schema):
    slug: str
    name: str
    tagline: str
    place: str
    country: str
    languages: list[str]
    url: str
    member_count: int
    partner_count: int
    working_group_count: int

    @staticmethod
    def resolve_url(obj: Hub) -> str:
        return obj.get_absolute_url()


class HubDetailOut(HubOut):
    description: str
    timezone: str
    accepts_members: bool
    accepts_partners: bool


class MemberOut(Schema):
    id: int
    name: str
    headline: str
    place: str
    competences: list[str]
    interests: str
    roles: list[str]
    email: str | None = None
    phone: str | None = None

    @staticmethod
    def resolve_id(obj: Membership) -> int:
        return obj.user_id

    @staticmethod
    def resolve_name(obj: Membership) -> str:
        return obj.user.display_name

    @staticmethod
    def resolve_headline(obj: Membership) -> str:
        return obj.user.profile.headline

    @staticmethod
    def resolve_place(obj: Membership) -> str:
        return obj.user.profile.place

    @staticmethod
    def resolve_interests(obj: Membership) -> str:
        return obj.user.profile.interests

    @staticmethod
    def resolve_competences(obj: Membership) -> list[str]:
        return [c.slug for c in obj.user.profile.competences.all()]

    @staticmethod
    def resolve_roles(obj: Membership) -> list[str]:
        roles = ["member"]
        if obj.is_steward:
            roles.append("steward")
        if obj.is_network_lead:
            roles.append("network_lead")
        if obj.is_board:
            roles.append("board")
        return roles

    @staticmethod
    def resolve_email(obj: Membership) -> str | None:
        profile = obj.user.profile
        return (profile.contact_email or None) if profile.consent_public_contact else None

    @staticmethod
    def resolve_phone(obj: Membership) -> str | None:
        profile = obj.user.profile
        return (profile.phone or None) if profile.consent_public_contact else None


class PartnerOut(Schema):
    slug: str
    name: str
    type: str
    country: str
    org_number: str
    website: str
    partner_since: datetime | None

    @staticmethod
    def resolve_slug(obj: Partnership) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_name(obj: Partnership) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_type(obj: Partnership) -> str:
        return obj.organisation.type

    @staticmethod
    def resolve_country(obj: Partnership) -> str:
        return obj.organisation.country

    @staticmethod
    def resolve_org_number(obj: Partnership) -> str:
        return obj.organisation.org_number

    @staticmethod
    def resolve_website(obj: Partnership) -> str:
        return obj.organisation.website

    @staticmethod
    def resolve_partner_since(obj: Partnership) -> datetime | None:
        return obj.decided_at


class WorkingGroupOut(Schema):
    slug: str
    name: str
    theme: str
    description: str
    lead: str | None
    member_count: int

    @staticmethod
    def resolve_lead(obj: WorkingGroup) -> str | None:
        lead = obj.lead
        if lead is None or not lead.has_public_profile:
            return None
        return lead.display_name


@router.get("/hubs", response=answers(list[HubOut], INVALID), summary="List hubs")
@paginate(LimitOffsetPagination)
def list_hubs(request: HttpRequest):  # type: ignore[no-untyped-def]
    return selectors.hub_list()


@router.get("/hubs/{hub_slug}", response=answers(HubDetailOut, NOT_FOUND), summary="One hub")
def get_hub(request: HttpRequest, hub_slug: str) -> Hub:
    return selectors.hub_get_with_counts(slug=hub_slug)


@router.get(
    "/hubs/{hub_slug}/members",
    response=answers(list[MemberOut], BAD_REQUEST, NOT_FOUND, INVALID),
    summary="A hub's public members",
)
@paginate(CursorOrOffsetPagination)
def list_members(request: HttpRequest, hub_slug: str, competence: str = ""):  # type: ignore[no-untyped-def]
    """Pages by `limit` (at most 200) and `offset`, or by `cursor` (the `next_cursor` of the
    page before): deep pages by cursor cost what the first one does."""
    hub = selectors.hub_get(slug=hub_slug)
    competence = competence[:60]
    members = selectors.public_members(hub=hub, competence=competence)
    return counted(
        members, lambda: hub_cached(hub, "count:public_members", competence, compute=members.count)
    )


@router.get(
    "/hubs/{hub_slug}/partners",
    response=answers(list[PartnerOut], NOT_FOUND, INVALID),
    summary="A hub's partners",
)
@paginate(LimitOffsetPagination)
def list_partners(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    hub = selectors.hub_get(slug=hub_slug)
    return selectors.partners(hub=hub)


@router.get(
    "/hubs/{hub_slug}/working-groups",
    response=answers(list[WorkingGroupOut], NOT_FOUND, INVALID),
    summary="A hub's working groups",
)
@paginate(LimitOffsetPagination)
def list_working_groups(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    hub = selectors.hub_get(slug=hub_slug)
    return selectors.working_groups(hub=hub)
