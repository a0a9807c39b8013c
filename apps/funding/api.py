"""API for funding, under /api/v1/ (read): an initiative's budget with its lines, sources and
totals, and a hub's campaigns with their totals. Amounts are decimal strings ("1500.50") in the
hub's currency, never floats. What is public is what the pages show everyone: no pledger's
identity, no grant applications. Writes (a pledge; the team confirming or cancelling one) take a
personal API token and go through the same services and rules as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from apps.accounts.api_auth import token_write
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.hubs.selectors import hub_get
from apps.initiatives import selectors as initiative_selectors

from . import selectors, services
from .models import Campaign, Pledge

router = Router(tags=["funding"])


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


class CostLineOut(Schema):
    description: str
    category: str
    planned: str
    actual: str | None


class FundingSourceOut(Schema):
    kind: str
    description: str
    planned: str | None
    received: str | None
    planned_hours: str | None
    actual_hours: str | None


class BudgetTotalsOut(Schema):
    planned_costs: str
    actual_costs: str
    planned_funding: str
    received_funding: str
    planned_balance: str
    actual_balance: str
    percent_funded: int
    complete: bool


class BudgetOut(Schema):
    initiative: str
    currency: str
    hourly_rate: str
    totals: BudgetTotalsOut
    lines: list[CostLineOut]
    sources: list[FundingSourceOut]
    url: str


class MatchFundOut(Schema):
    organisation: str
    organisation_slug: str
    ratio: str
    cap: str
    matched: str


class CampaignOut(Schema):
    id: int
    initiative: str
    initiative_title: str
    status: str
    mode: str
    goal: str
    deadline: date
    currency: str
    pledged: str
    received: str
    matched: str
    total: str
    percent: int
    pledge_count: int
    match_funds: list[MatchFundOut]
    url: str


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/budget",
    response=answers(BudgetOut, NOT_FOUND, INVALID),
)
def get_budget(request: HttpRequest, hub_slug: str, initiative_slug: str) -> dict[str, object]:
    """An initiative's budget and financing plan: cost lines, funding sources (volunteer hours
    valued at the hub's hourly rate) and exact totals. An initiative with no budget answers an
    empty one."""
    hub = hub_get(slug=hub_slug)
    initiative = initiative_selectors.initiative_get(hub=hub, slug=initiative_slug)
    summary = selectors.budget_summary(selectors.budget_for(hub=hub, initiative=initiative))
    return {
        "initiative": initiative.slug,
        "currency": hub.currency,
        "hourly_rate": money(summary.hourly_rate),
        "totals": {
            "planned_costs": money(summary.planned_costs),
            "actual_costs": money(summary.actual_costs),
            "planned_funding": money(summary.planned_funding),
            "received_funding": money(summary.received_funding),
            "planned_balance": money(summary.planned_balance),
            "actual_balance": money(summary.actual_balance),
            "percent_funded": summary.percent_funded,
            "complete": summary.is_complete,
        },
        "lines": [
            {
                "description": line.description,
                "category": line.category,
                "planned": money(line.planned),
                "actual": money(line.actual),
            }
            for line in summary.lines
        ],
        "sources": [
            {
                "kind": row.source.kind,
                "description": row.source.description,
                "planned": money(row.planned),
                "received": money(row.received),
                "planned_hours": money(row.source.planned_hours),
                "actual_hours": money(row.source.actual_hours),
            }
            for row in summary.sources
        ],
        "url": f"/{hub.slug}/funding/i/{initiative.slug}/budget/",
    }


def _campaign_out(campaign: Campaign) -> dict[str, object]:
    totals = selectors.totals_from(campaign, campaign.live_pledges, campaign.funds)  # type: ignore[attr-defined]
    return {
        "id": campaign.pk,
        "initiative": campaign.initiative.slug,
        "initiative_title": campaign.initiative.title,
        "status": campaign.status,
        "mode": campaign.mode,
        "goal": money(campaign.goal),
        "deadline": campaign.deadline,
        "currency": campaign.hub.currency,
        "pledged": money(totals.pledged),
        "received": money(totals.received),
        "matched": money(totals.matched),
        "total": money(totals.total),
        "percent": totals.percent,
        "pledge_count": totals.pledge_count,
        "match_funds": [
            {
                "organisation": fund.organisation.name,
                "organisation_slug": fund.organisation.slug,
                "ratio": money(fund.ratio),
                "cap": money(fund.cap),
                "matched": money(matched),
            }
            for fund, matched in totals.funds
        ],
        "url": campaign.get_absolute_url(),
    }


class _CampaignPage:
    """Campaigns turned into their totals page by page, as ninja slices them."""

    def __init__(self, queryset: object) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()  # type: ignore[attr-defined,no-any-return]

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        items = self.queryset[index]  # type: ignore[index]
        if isinstance(index, slice):
            return [_campaign_out(c) for c in items]
        return _campaign_out(items)


@router.get(
    "/hubs/{hub_slug}/campaigns",
    response=answers(list[CampaignOut], NOT_FOUND, INVALID),
)
@paginate(LimitOffsetPagination)
def list_campaigns(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    """A hub's funding campaigns (not drafts), newest first, with exact totals: pledged (not
    cancelled), received, matched by sponsors, and pledged + matched against the goal."""
    hub = hub_get(slug=hub_slug)
    return _CampaignPage(selectors.campaigns(hub=hub))


# Writes (personal API token, apps.accounts.api_auth) ------------------------------------------


class PledgeIn(Schema):
    amount: Decimal
    currency: str | None = None
    organisation: str | None = None
    public_name: str = ""
    anonymous: bool = False
    message: str = ""


class PledgeOut(Schema):
    """A pledge as its maker and the team see it."""

    id: int
    amount: str
    currency: str
    organisation: str | None
    public_name: str
    anonymous: bool
    status: str
    created: datetime

    @staticmethod
    def resolve_amount(obj: Pledge) -> str:
        return money(obj.amount) or "0.00"

    @staticmethod
    def resolve_currency(obj: Pledge) -> str:
        return obj.campaign.hub.currency

    @staticmethod
    def resolve_organisation(obj: Pledge) -> str | None:
        return obj.organisation.slug if obj.organisation is not None else None

    @staticmethod
    def resolve_created(obj: Pledge) -> datetime:
        return obj.created_at


class PledgeStatusIn(Schema):
    status: Literal["received", "cancelled"]


WRITE_ERRORS = (BAD_REQUEST, SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID)


@router.post(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/campaign/pledges",
    response={201: PledgeOut, **answers(PledgeOut, *WRITE_ERRORS)},
    auth=token_write,
    summary="Pledge to an initiative's campaign",
)
def create_pledge(request: HttpRequest, hub_slug: str, initiative_slug: str, payload: PledgeIn) -> Status:
    initiative = initiative_selectors.initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    campaign = selectors.campaign_for(initiative=initiative)
    if campaign is None:
        raise Http404
    organisation = None
    if payload.organisation:
        organisation = next(
            (o for o in services.pledge_organisations(user=request.user) if o.slug == payload.organisation),
            None,
        )
        if organisation is None:
            raise PermissionDenied(_("You can only pledge for an organisation you represent."))
    pledge = services.pledge_create(
        campaign=campaign,
        actor=request.user,
        amount=payload.amount,
        organisation=organisation,
        public_name=payload.public_name,
        anonymous=payload.anonymous,
        message=payload.message,
        currency=payload.currency,
    )
    return Status(201, pledge)


@router.post(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/campaign/pledges/{pledge_id}/status",
    response=answers(PledgeOut, *WRITE_ERRORS),
    auth=token_write,
    summary="Confirm that a pledge was received, or cancel it (the team)",
)
def set_pledge_status(
    request: HttpRequest, hub_slug: str, initiative_slug: str, pledge_id: int, payload: PledgeStatusIn
) -> Pledge:
    initiative = initiative_selectors.initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    campaign = selectors.campaign_for(initiative=initiative)
    if campaign is None:
        raise Http404
    pledge = selectors.pledge_get(campaign=campaign, pk=pledge_id)
    return services.pledge_decide(pledge=pledge, actor=request.user, status=payload.status)
