"""Every read of budgets, campaigns, pledges and grant applications, with a constant number of
queries. Sums are exact: amounts are `Decimal`s summed in Python (`apps.core.money.total`) or by
the database on decimal columns, never floats."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.core.money import CENT, total
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative, PermitStatus
from apps.processes.models import Deliverable

from .models import (
    Budget,
    Campaign,
    CostLine,
    FundingSource,
    GrantApplication,
    GrantDocument,
    MatchFund,
    Pledge,
    PledgeStatus,
)

ZERO = Decimal("0.00")
# The deliverable a process marks as "the permits are granted" (Stedskaping: phase
# `plan-permits`). Any required deliverable with this key in the initiative's process counts.
PERMITS_DELIVERABLE = "permits"


def hours_value(hours: Decimal | None, rate: Decimal | None) -> Decimal | None:
    """What volunteer hours are worth at the hub's hourly rate, to the øre (half up)."""
    if hours is None:
        return None
    return (Decimal(hours) * Decimal(rate or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


# Budgets ------------------------------------------------------------------------------------


def budget_for(*, hub: Hub, initiative: Initiative | None) -> Budget:
    """The budget of an initiative (or of the hub itself), or an unsaved empty one."""
    found = Budget.objects.filter(hub=hub, initiative=initiative).first()
    if found is None:
        found = Budget(hub=hub, initiative=initiative)
    found.hub = hub
    if initiative is not None:
        found.initiative = initiative
    return found


@dataclass
class SourceRow:
    source: FundingSource
    planned: Decimal | None
    received: Decimal | None


@dataclass
class BudgetSummary:
    """A budget with its lines, sources and exact totals (what its page and the API show)."""

    budget: Budget
    currency: str
    hourly_rate: Decimal
    lines: list[CostLine] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    planned_costs: Decimal = ZERO
    actual_costs: Decimal = ZERO
    planned_funding: Decimal = ZERO
    received_funding: Decimal = ZERO

    @property
    def planned_balance(self) -> Decimal:
        """Costs − funding, as planned: above zero is what is still missing."""
        return self.planned_costs - self.planned_funding

    @property
    def actual_balance(self) -> Decimal:
        return self.actual_costs - self.received_funding

    @property
    def missing(self) -> Decimal:
        return max(self.planned_balance, ZERO)

    @property
    def percent_funded(self) -> int:
        """Planned funding as a whole percentage of planned costs, 0–100 for the progress bar."""
        return percent(self.planned_funding, self.planned_costs)

    @property
    def percent_received(self) -> int:
        return percent(self.received_funding, self.planned_costs)

    @property
    def is_complete(self) -> bool:
        return budget_is_complete(self)

    def by_kind(self) -> list[tuple[str, Decimal, Decimal]]:
        """(kind label, planned, received) per type of source that has any."""
        out: dict[str, list[Decimal]] = {}
        for row in self.sources:
            pair = out.setdefault(row.source.get_kind_display(), [ZERO, ZERO])
            pair[0] += row.planned or ZERO
            pair[1] += row.received or ZERO
        return [(kind, planned, received) for kind, (planned, received) in out.items()]


def budget_is_complete(summary: BudgetSummary) -> bool:
    """THE definition of a complete budget (the first item of a campaign's viability check): it
    has at least one cost line, and the planned funding covers the planned costs."""
    return bool(summary.lines) and summary.planned_funding >= summary.planned_costs


def percent(part: Decimal, whole: Decimal) -> int:
    """`part` as a whole percentage of `whole`, rounded down and kept within 0–100."""
    if whole <= 0:
        return 100 if part > 0 else 0
    return int(min(Decimal(100), (part * 100 / whole).to_integral_value(rounding=ROUND_DOWN)))


def budget_summary(budget: Budget) -> BudgetSummary:
    """Lines, sources and totals of a budget in two queries (none for an unsaved one)."""
    hub = budget.hub
    summary = BudgetSummary(budget=budget, currency=hub.currency, hourly_rate=hub.hourly_rate or ZERO)
    if budget.pk is None:
        return summary
    summary.lines = list(CostLine.objects.filter(budget=budget).order_by("category", "pk"))
    for line in summary.lines:
        line.budget = budget
    sources = list(FundingSource.objects.filter(budget=budget).order_by("kind", "pk"))
    for source in sources:
        source.budget = budget
        if source.is_hours:
            row = SourceRow(
                source,
                hours_value(source.planned_hours, summary.hourly_rate),
                hours_value(source.actual_hours, summary.hourly_rate),
            )
        else:
            row = SourceRow(source, source.planned, source.received)
        summary.sources.append(row)
    summary.planned_costs = total(line.planned for line in summary.lines)
    summary.actual_costs = total(line.actual for line in summary.lines)
    summary.planned_funding = total(row.planned for row in summary.sources)
    summary.received_funding = total(row.received for row in summary.sources)
    return summary


def cost_line_get(*, budget: Budget, pk: int) -> CostLine:
    line: CostLine = get_object_or_404(CostLine, budget_id=budget.pk, pk=pk)
    line.budget = budget
    return line


def source_get(*, budget: Budget, pk: int) -> FundingSource:
    source: FundingSource = get_object_or_404(FundingSource, budget_id=budget.pk, pk=pk)
    source.budget = budget
    return source


# Viability ----------------------------------------------------------------------------------


@dataclass
class Check:
    key: str
    label: str | Promise
    ok: bool
    detail: str | Promise = ""


@dataclass
class Viability:
    checks: list[Check]

    @property
    def passes(self) -> bool:
        return all(check.ok for check in self.checks)


def viability(*, initiative: Initiative, summary: BudgetSummary) -> Viability:
    """The Spacehive/ioby check a campaign must pass to open, as a checklist:

    1. the budget is complete (`budget_is_complete`);
    2. every permit on the initiative's permit checklist is approved (or marked not needed):
       none is still to apply for, waiting for an answer or refused;
    3. when the initiative's process has a required deliverable `permits` (Stedskaping: "Permits
       granted" in the phase "Plan and permits"), it is done.
    """
    checks = [
        Check(
            "budget",
            _("The budget is complete: it has cost lines and the planned funding covers the planned costs."),
            summary.is_complete,
            "" if summary.is_complete else _("Add cost lines and funding sources until nothing is missing."),
        )
    ]
    permits = list(initiative.permits.all())
    waiting = [p for p in permits if p.status not in (PermitStatus.APPROVED, PermitStatus.NOT_NEEDED)]
    checks.append(
        Check(
            "permits",
            _("Every permit on the initiative's permit checklist is granted."),
            not waiting,
            ", ".join(f"{p.what} ({p.get_status_display()})" for p in waiting)
            if waiting
            else (_("No permits are listed.") if not permits else ""),
        )
    )
    deliverables = list(
        Deliverable.objects.filter(
            phase_run__run__initiative=initiative, key=PERMITS_DELIVERABLE, required=True
        ).only("pk", "name", "done")
    )
    if deliverables:
        open_ones = [d for d in deliverables if not d.done]
        checks.append(
            Check(
                "process",
                _("The process's deliverable “%(name)s” is done.") % {"name": deliverables[0].name},
                not open_ones,
                "" if not open_ones else _("Mark it done in the initiative's process."),
            )
        )
    return Viability(checks)


# Campaigns ----------------------------------------------------------------------------------


def campaign_for(*, initiative: Initiative) -> Campaign | None:
    campaign = Campaign.objects.filter(initiative=initiative).first()
    if campaign is not None:
        campaign.initiative = initiative
        campaign.hub = initiative.hub
    return campaign


@dataclass
class CampaignTotals:
    goal: Decimal
    pledged: Decimal
    received: Decimal
    matched: Decimal
    pledge_count: int
    funds: list[tuple[MatchFund, Decimal]]

    @property
    def total(self) -> Decimal:
        """What the campaign has raised: pledges plus what sponsors add to them."""
        return self.pledged + self.matched

    @property
    def percent(self) -> int:
        return percent(self.total, self.goal)

    @property
    def remaining(self) -> Decimal:
        return max(self.goal - self.total, ZERO)

    @property
    def reached(self) -> bool:
        return self.total >= self.goal


def matched_amount(fund: MatchFund, eligible: Decimal) -> Decimal:
    """What a sponsor adds to `eligible` pledges: ratio × pledges, rounded down to the øre, at
    most the cap."""
    return min(fund.cap, (eligible * fund.ratio).quantize(CENT, rounding=ROUND_DOWN))


def totals_from(campaign: Campaign, pledges: list[Pledge], funds: list[MatchFund]) -> CampaignTotals:
    """The totals of a campaign from its pledges and matched funds, in Decimal. A sponsor's own
    pledges are not matched by its own fund; cancelled pledges count for nothing."""
    live = [p for p in pledges if p.status != PledgeStatus.CANCELLED]
    pledged = total(p.amount for p in live)
    matched_rows = []
    for fund in funds:
        own = total(p.amount for p in live if p.organisation_id == fund.organisation_id)
        matched_rows.append((fund, matched_amount(fund, pledged - own)))
    return CampaignTotals(
        goal=campaign.goal,
        pledged=pledged,
        received=total(p.amount for p in live if p.status == PledgeStatus.RECEIVED),
        matched=total(m for _f, m in matched_rows),
        pledge_count=len(live),
        funds=matched_rows,
    )


def _pledge_amounts() -> QuerySet[Pledge]:
    return Pledge.objects.exclude(status=PledgeStatus.CANCELLED).only(
        "pk", "campaign_id", "organisation_id", "amount", "status"
    )


def campaign_totals(campaign: Campaign) -> CampaignTotals:
    """Pledged, received and matched, exactly, in two queries."""
    pledges = list(_pledge_amounts().filter(campaign_id=campaign.pk))
    funds = list(MatchFund.objects.filter(campaign_id=campaign.pk).select_related("organisation"))
    return totals_from(campaign, pledges, funds)


def campaigns(*, hub: Hub) -> QuerySet[Campaign]:
    """A hub's campaigns that are not drafts, newest first, with what their totals need (a
    constant number of queries for any page: `totals_from(c, c.live_pledges, c.funds)`)."""
    return (
        Campaign.objects.filter(hub=hub)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("initiative", "hub")
        .prefetch_related(
            Prefetch("pledges", queryset=_pledge_amounts(), to_attr="live_pledges"),
            Prefetch(
                "match_funds", queryset=MatchFund.objects.select_related("organisation"), to_attr="funds"
            ),
        )
        .order_by("-opened_at", "-pk")
    )


def public_pledges(campaign: Campaign) -> QuerySet[Pledge]:
    """Pledges everyone may see (not cancelled), newest first, with what shows their name."""
    return (
        Pledge.objects.filter(campaign_id=campaign.pk)
        .exclude(status=PledgeStatus.CANCELLED)
        .select_related("user", "organisation")
        .order_by("-created_at", "-pk")
    )


def team_pledges(campaign: Campaign, *, status: str = "") -> QuerySet[Pledge]:
    queryset = Pledge.objects.filter(campaign_id=campaign.pk).select_related("user", "organisation")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def pledge_get(*, campaign: Campaign, pk: int) -> Pledge:
    pledge: Pledge = get_object_or_404(
        Pledge.objects.select_related("user", "organisation"), campaign_id=campaign.pk, pk=pk
    )
    pledge.campaign = campaign
    return pledge


def due_campaigns(today_utc: date) -> QuerySet[Campaign]:
    """Open campaigns whose deadline may have passed somewhere (each hub's own day is checked by
    the service)."""
    return Campaign.objects.filter(status=Campaign.Status.OPEN, deadline__lte=today_utc).select_related(
        "hub", "initiative"
    )


# Grants -------------------------------------------------------------------------------------


def grant_applications(budget: Budget) -> QuerySet[GrantApplication]:
    if budget.pk is None:
        return GrantApplication.objects.none()
    return (
        GrantApplication.objects.filter(budget=budget)
        .prefetch_related("documents")
        .order_by("deadline", "pk")
    )


def grant_get(*, budget: Budget, pk: int) -> GrantApplication:
    application: GrantApplication = get_object_or_404(GrantApplication, budget_id=budget.pk, pk=pk)
    application.budget = budget
    return application


def grant_document_get(*, application: GrantApplication, pk: int) -> GrantDocument:
    document: GrantDocument = get_object_or_404(GrantDocument, application_id=application.pk, pk=pk)
    return document
