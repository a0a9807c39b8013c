"""API for partners and commitments, under /api/v1/.

Reads are public and show what the pages show to everyone: partners with their role, and their
agreed and delivered commitments (a person partner is named only with their consent). Writes take
a personal API token (`Authorization: Bearer alm_…`, made on /me/api-tokens/) and go through the
same services and rules as the pages: the token can do exactly what its owner can.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from apps.accounts.api_auth import token_write
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.core.api_pagination import CursorOrOffsetPagination
from apps.hubs.selectors import hub_get
from apps.initiatives.selectors import initiative_get
from apps.partners import selectors, services
from apps.partners.models import Commitment, Partner

router = Router(tags=["partners"])


class CommitmentOut(Schema):
    id: int
    partner_id: int
    partner: str
    initiative: str | None
    kind: str
    description: str
    amount: Decimal | None
    hours: Decimal | None
    value: Decimal | None
    currency: str
    status: str
    due_on: date | None
    updated: datetime

    @staticmethod
    def resolve_partner(obj: Commitment) -> str:
        return obj.partner.public_name

    @staticmethod
    def resolve_initiative(obj: Commitment) -> str | None:
        return obj.partner.initiative.slug if obj.partner.initiative_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_value(obj: Commitment) -> Decimal | None:
        return obj.value(obj.partner.hub.hourly_rate)

    @staticmethod
    def resolve_currency(obj: Commitment) -> str:
        return obj.partner.hub.currency

    @staticmethod
    def resolve_updated(obj: Commitment) -> datetime:
        return obj.updated_at


class PartnerCommitmentsOut(Schema):
    id: int
    name: str
    organisation: str | None
    initiative: str | None
    role: str
    role_text: str
    committed: Decimal
    delivered: Decimal
    currency: str

    @staticmethod
    def resolve_name(obj: Partner) -> str:
        return obj.public_name

    @staticmethod
    def resolve_organisation(obj: Partner) -> str | None:
        return obj.organisation.slug if obj.organisation_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_initiative(obj: Partner) -> str | None:
        return obj.initiative.slug if obj.initiative_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_committed(obj: Partner) -> Decimal:
        return selectors.totals(list(obj.commitments.all()), obj.hub.hourly_rate).committed_total

    @staticmethod
    def resolve_delivered(obj: Partner) -> Decimal:
        return selectors.totals(list(obj.commitments.all()), obj.hub.hourly_rate).delivered_total

    @staticmethod
    def resolve_currency(obj: Partner) -> str:
        return obj.hub.currency


class CommitmentFilter(Schema):
    initiative: str | None = None
    organisation: str | None = None


@router.get(
    "/hubs/{hub_slug}/partners/commitments",
    response=answers(list[CommitmentOut], BAD_REQUEST, NOT_FOUND, INVALID),
    summary="A hub's agreed and delivered commitments",
)
@paginate(CursorOrOffsetPagination)
def list_commitments(
    request: HttpRequest, hub_slug: str, filters: Query[CommitmentFilter]
) -> list[Commitment]:
    hub = hub_get(slug=hub_slug)
    queryset = (
        Commitment.objects.filter(partner__hub=hub, status__in=selectors.COUNTING)
        .select_related(
            "partner__hub", "partner__initiative", "partner__organisation", "partner__user__profile"
        )
        .order_by("pk")
    )
    if filters.initiative:
        queryset = queryset.filter(partner__initiative__slug=filters.initiative)
    if filters.organisation:
        queryset = queryset.filter(partner__organisation__slug=filters.organisation)
    return queryset  # type: ignore[return-value]


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/partners",
    response=answers(list[PartnerCommitmentsOut], NOT_FOUND, INVALID),
    summary="An initiative's partners",
)
@paginate(LimitOffsetPagination)
def list_initiative_partners(request: HttpRequest, hub_slug: str, initiative_slug: str) -> QuerySet[Partner]:
    initiative = initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    return selectors.initiative_partners(initiative=initiative)


@router.get(
    "/hubs/{hub_slug}/partners/of-hub",
    response=answers(list[PartnerCommitmentsOut], NOT_FOUND, INVALID),
    summary="The partners of the hub itself",
)
@paginate(LimitOffsetPagination)
def list_hub_partners(request: HttpRequest, hub_slug: str) -> QuerySet[Partner]:
    return selectors.hub_partners(hub=hub_get(slug=hub_slug))


class CommitmentIn(Schema):
    kind: Literal["money", "in_kind", "competence", "hours"]
    description: str
    amount: Decimal | None = None
    hours: Decimal | None = None
    due_on: date | None = None
    currency: str | None = None


class StatusIn(Schema):
    status: Literal["agreed", "delivered", "withdrawn"]
    note: str = ""


WRITE_ERRORS = (BAD_REQUEST, SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID)


@router.post(
    "/hubs/{hub_slug}/partners/{partner_id}/commitments",
    response={201: CommitmentOut, **answers(CommitmentOut, *WRITE_ERRORS)},
    auth=token_write,
    summary="Record a commitment a partner offers",
)
def create_commitment(request: HttpRequest, hub_slug: str, partner_id: int, payload: CommitmentIn) -> Status:
    hub = hub_get(slug=hub_slug)
    partner = selectors.partner_get(hub=hub, pk=partner_id)
    if payload.currency is not None and payload.currency != hub.currency:
        raise ValidationError(
            {
                "currency": ValidationError(
                    _("Amounts in this hub are in %(currency)s.") % {"currency": hub.currency},
                    code="currency",
                )
            }
        )
    commitment = services.commitment_offer(
        actor=request.user,
        partner=partner,
        kind=payload.kind,
        description=payload.description,
        amount=payload.amount,
        hours=payload.hours,
        due_on=payload.due_on,
    )
    return Status(201, commitment)


@router.post(
    "/hubs/{hub_slug}/partners/commitments/{commitment_id}/status",
    response=answers(CommitmentOut, *WRITE_ERRORS),
    auth=token_write,
    summary="Agree to, deliver or withdraw a commitment",
)
def set_commitment_status(
    request: HttpRequest, hub_slug: str, commitment_id: int, payload: StatusIn
) -> Commitment:
    hub = hub_get(slug=hub_slug)
    commitment = selectors.commitment_get(hub=hub, pk=commitment_id)
    return services.commitment_set_status(
        actor=request.user, commitment=commitment, status=payload.status, note=payload.note
    )
