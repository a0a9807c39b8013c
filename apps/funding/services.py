"""Every change to budgets, campaigns, pledges and grant applications. Keyword-only; `actor` is
a User (pages and the API call the same functions); each checks permission, writes in one
transaction and tells people after commit. Errors are `ValidationError`s with a code (a field's
error under its name), or `PermissionDenied`.

Campaign totals stay exact under concurrent pledges: every change to a campaign's pledges locks
the campaign's row first (`select_for_update`) and recomputes `pledged_total` and
`received_total` with the database's decimal sum.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.documents import BadDocument, check_document
from apps.core.images import TooManyPixels
from apps.core.money import CENT, total, validate_amount
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.initiatives import selectors as initiative_selectors
from apps.initiatives.models import Initiative
from apps.initiatives.services import notify_followers
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative

from . import selectors
from .models import (
    MAX_HOURS,
    Budget,
    Campaign,
    CampaignStatus,
    CostCategory,
    CostLine,
    FundingSource,
    GrantApplication,
    GrantDocument,
    GrantStatus,
    MatchFund,
    Mode,
    Pledge,
    PledgeStatus,
    SourceKind,
)

ZERO = Decimal("0.00")
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


# Checking input ------------------------------------------------------------------------------


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _amount(value: Any, field: str, *, required: bool = True, positive: bool = False) -> Decimal | None:
    """An amount as Decimal, refused with a translated message under `field` when it is not one
    (negative, over 10^12, more than two decimals) — never a float."""
    if value is None or value == "":
        if required:
            raise _field_error(field, _("Enter an amount."), "required")
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        value = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as exc:
        raise _field_error(field, _("Enter an amount, e.g. 1500 or 1500.50."), "invalid") from exc
    try:
        validate_amount(value)
    except ValidationError as exc:
        raise ValidationError({field: exc}) from exc
    if positive and value <= 0:
        raise _field_error(field, _("The amount must be more than zero."), "not_positive")
    return value.quantize(CENT)


def _hours(value: Any, field: str, *, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise _field_error(field, _("Enter a number of hours."), "required")
        return None
    try:
        value = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise _field_error(field, _("Enter a number of hours, e.g. 40 or 12.5."), "invalid") from exc
    if not value.is_finite() or value < 0:
        raise _field_error(field, _("Hours cannot be negative."), "negative")
    if value > MAX_HOURS:
        raise _field_error(field, _("At most 1 000 000 hours."), "too_large")
    if value != value.quantize(CENT):
        raise _field_error(field, _("Hours can have at most two decimals."), "decimals")
    return value.quantize(CENT)


def _text(value: str, field: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _field_error(field, _("This field is required."), "required")
    if len(value) > max_length:
        raise _field_error(
            field,
            _("At most %(max)d characters.") % {"max": max_length},
            "max_length",
        )
    return value


def _currency(hub: Hub, currency: str | None) -> None:
    if currency is not None and currency.upper() != hub.currency:
        raise _field_error(
            "currency",
            _("Amounts in this hub are in %(currency)s.") % {"currency": hub.currency},
            "currency",
        )


# Budgets ------------------------------------------------------------------------------------


def _saved_budget(budget: Budget) -> Budget:
    """The budget's row, created on its first line (two first lines at once make one budget)."""
    if budget.pk is not None:
        return budget
    try:
        with transaction.atomic():
            budget.save()
    except IntegrityError:
        budget = Budget.objects.get(hub=budget.hub, initiative=budget.initiative)
    return budget


def _budget_target(budget: Budget) -> Any:
    return budget.initiative or budget.hub


def _require_budget(actor: Any, budget: Budget) -> None:
    require(actor, "funding.change_budget", _budget_target(budget))


def _audit_budget(actor: Any, budget: Budget, action: str, row: CostLine | FundingSource) -> None:
    """One entry per change to a financing plan, naming the line or source and its amounts."""
    amounts = {
        name: str(value)
        for name in ("planned", "actual", "received", "planned_hours", "actual_hours")
        if (value := getattr(row, name, None)) is not None
    }
    audit_record(
        hub=budget.hub,
        actor=actor,
        action=f"funding.{action}",
        target=_budget_target(budget),
        label=row.description,
        data={"row": row.pk, **amounts},
    )


@transaction.atomic
def cost_line_add(
    *,
    budget: Budget,
    actor: Any,
    description: str,
    planned: Any,
    category: str = CostCategory.OTHER,
    actual: Any = None,
) -> CostLine:
    """Add a cost line to a budget (the budget of an initiative is created on its first line)."""
    _require_budget(actor, budget)
    line = CostLine(budget=budget)
    _fill_line(line, description=description, category=category, planned=planned, actual=actual)
    line.budget = _saved_budget(budget)
    line.save()
    Budget.objects.filter(pk=line.budget.pk).update(updated_at=timezone.now())
    _audit_budget(actor, line.budget, "cost_line_add", line)
    return line


def _fill_line(line: CostLine, *, description: str, category: str, planned: Any, actual: Any) -> None:
    line.description = _text(description, "description", max_length=200)
    if category not in CostCategory.values:
        raise _field_error("category", _("Choose a valid category."), "invalid")
    line.category = category
    line.planned = _amount(planned, "planned")
    line.actual = _amount(actual, "actual", required=False)


@transaction.atomic
def cost_line_update(
    *, line: CostLine, actor: Any, description: str, planned: Any, category: str, actual: Any = None
) -> CostLine:
    _require_budget(actor, line.budget)
    _fill_line(line, description=description, category=category, planned=planned, actual=actual)
    line.save()
    _audit_budget(actor, line.budget, "cost_line_update", line)
    return line


@transaction.atomic
def cost_line_delete(*, line: CostLine, actor: Any) -> None:
    _require_budget(actor, line.budget)
    _audit_budget(actor, line.budget, "cost_line_delete", line)
    line.delete()


def _fill_source(
    source: FundingSource,
    *,
    kind: str,
    description: str,
    planned: Any,
    received: Any,
    planned_hours: Any,
    actual_hours: Any,
) -> None:
    if kind not in SourceKind.values:
        raise _field_error("kind", _("Choose a valid type of funding."), "invalid")
    if source.grant_application_id and kind != SourceKind.GRANT:
        raise _field_error("kind", _("A granted application stays a grant."), "invalid")
    source.kind = kind
    source.description = _text(description, "description", max_length=200)
    if kind == SourceKind.VOLUNTEER_HOURS:
        # Hours are stored as hours; their value is computed from the hub's hourly rate.
        source.planned_hours = _hours(planned_hours, "planned_hours", required=True)
        source.actual_hours = _hours(actual_hours, "actual_hours", required=False)
        source.planned = source.received = None
    else:
        source.planned = _amount(planned, "planned")
        source.received = _amount(received, "received", required=False)
        source.planned_hours = source.actual_hours = None


@transaction.atomic
def source_add(
    *,
    budget: Budget,
    actor: Any,
    kind: str,
    description: str,
    planned: Any = None,
    received: Any = None,
    planned_hours: Any = None,
    actual_hours: Any = None,
) -> FundingSource:
    """Add a funding source: an amount planned (and received), or volunteer hours."""
    _require_budget(actor, budget)
    source = FundingSource(budget=budget)
    _fill_source(
        source,
        kind=kind,
        description=description,
        planned=planned,
        received=received,
        planned_hours=planned_hours,
        actual_hours=actual_hours,
    )
    source.budget = _saved_budget(budget)
    source.save()
    _audit_budget(actor, source.budget, "source_add", source)
    return source


@transaction.atomic
def source_update(
    *,
    source: FundingSource,
    actor: Any,
    kind: str,
    description: str,
    planned: Any = None,
    received: Any = None,
    planned_hours: Any = None,
    actual_hours: Any = None,
) -> FundingSource:
    _require_budget(actor, source.budget)
    _fill_source(
        source,
        kind=kind,
        description=description,
        planned=planned,
        received=received,
        planned_hours=planned_hours,
        actual_hours=actual_hours,
    )
    source.save()
    _audit_budget(actor, source.budget, "source_update", source)
    return source


@transaction.atomic
def source_delete(*, source: FundingSource, actor: Any) -> None:
    _require_budget(actor, source.budget)
    if source.grant_application_id:
        raise ValidationError(
            _("This source comes from a granted application: change the application instead."),
            code="from_grant",
        )
    _audit_budget(actor, source.budget, "source_delete", source)
    source.delete()


# Campaigns ----------------------------------------------------------------------------------


def _check_campaign_fields(hub: Hub, *, goal: Any, deadline: Any, mode: str) -> tuple[Decimal, date]:
    goal_value = _amount(goal, "goal", positive=True)
    assert goal_value is not None
    if not isinstance(deadline, date):
        raise _field_error("deadline", _("Enter the last day of the campaign."), "required")
    if deadline < hub.today():
        raise _field_error("deadline", _("The deadline cannot be in the past."), "past")
    if deadline.year > hub.today().year + 5:
        raise _field_error("deadline", _("The deadline can be at most five years ahead."), "too_far")
    if mode not in Mode.values:
        raise _field_error("mode", _("Choose how the campaign ends."), "invalid")
    return goal_value, deadline


@transaction.atomic
def campaign_create(
    *,
    initiative: Initiative,
    actor: Any,
    goal: Any,
    deadline: date,
    mode: str = Mode.ALL_OR_NOTHING,
    description: str = "",
) -> Campaign:
    """The team drafts the initiative's campaign (one per initiative)."""
    require(actor, "funding.manage_campaign", initiative)
    hub = initiative.hub
    goal_value, deadline = _check_campaign_fields(hub, goal=goal, deadline=deadline, mode=mode)
    description = _text(description, "description", max_length=5000, required=False)
    exists = ValidationError(_("This initiative already has a campaign."), code="duplicate")
    if Campaign.objects.filter(initiative=initiative).exists():
        raise exists
    try:
        with transaction.atomic():
            return Campaign.objects.create(
                hub=hub,
                initiative=initiative,
                goal=goal_value,
                deadline=deadline,
                mode=mode,
                description=description,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise exists from exc


def _locked(campaign: Campaign) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    locked.hub = campaign.hub
    locked.initiative = campaign.initiative
    return locked


def _copy(locked: Campaign, campaign: Campaign) -> Campaign:
    for name in ("status", "goal", "deadline", "mode", "description", "pledged_total", "received_total"):
        setattr(campaign, name, getattr(locked, name))
    campaign.opened_at, campaign.closed_at = locked.opened_at, locked.closed_at
    return locked


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, actor: Any, goal: Any, deadline: date, mode: str, description: str = ""
) -> Campaign:
    """Goal, deadline and mode change only while the campaign is a draft; its text also later."""
    require(actor, "funding.manage_campaign", campaign)
    locked = _locked(campaign)
    description = _text(description, "description", max_length=5000, required=False)
    if locked.status != CampaignStatus.DRAFT:
        if (_amount(goal, "goal"), deadline, mode) != (locked.goal, locked.deadline, locked.mode):
            raise ValidationError(
                _("The goal, deadline and mode cannot change once the campaign has opened."),
                code="not_draft",
            )
    else:
        locked.goal, locked.deadline = _check_campaign_fields(
            locked.hub, goal=goal, deadline=deadline, mode=mode
        )
        locked.mode = mode
    locked.description = description
    locked.save()
    return _copy(locked, campaign)


@transaction.atomic
def campaign_open(*, campaign: Campaign, actor: Any) -> Campaign:
    """Open a draft campaign for pledges: only when the viability check passes."""
    require(actor, "funding.manage_campaign", campaign)
    locked = _locked(campaign)
    if locked.status != CampaignStatus.DRAFT:
        raise ValidationError(_("Only a draft campaign can be opened."), code="not_draft")
    if locked.deadline < locked.hub.today():
        raise _field_error("deadline", _("The deadline has passed: choose a new one first."), "past")
    summary = selectors.budget_summary(selectors.budget_for(hub=locked.hub, initiative=locked.initiative))
    check = selectors.viability(initiative=locked.initiative, summary=summary)
    if not check.passes:
        missing = "; ".join(str(c.label) for c in check.checks if not c.ok)
        raise ValidationError(
            _("The campaign cannot open yet. Still missing: %(missing)s") % {"missing": missing},
            code="not_viable",
        )
    locked.status = CampaignStatus.OPEN
    locked.opened_at = timezone.now()
    locked.save()
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="funding.campaign_open",
        target=locked,
        label=str(locked.initiative.title),
        data={"goal": str(locked.goal), "deadline": locked.deadline.isoformat(), "mode": locked.mode},
    )
    notify_followers(
        locked.initiative,
        template="funding/email/campaign_opened.txt",
        context={"campaign": locked, "hub": locked.hub},
        url=locked.get_absolute_url(),
        exclude=[actor],
        kind="funding",
    )
    return _copy(locked, campaign)


def recount(locked: Campaign) -> None:
    """Recompute the campaign's totals under its row lock, in Decimal (SQLite would add the
    amounts up as floating-point numbers)."""
    rows = list(
        Pledge.objects.filter(campaign_id=locked.pk)
        .exclude(status=PledgeStatus.CANCELLED)
        .values_list("amount", "status")
    )
    locked.pledged_total = total(amount for amount, _status in rows)
    locked.received_total = total(amount for amount, status in rows if status == PledgeStatus.RECEIVED)


def _finish(locked: Campaign, *, actor: Any, status: str, reason: str = "") -> None:
    """End a campaign with `status`; in an all-or-nothing campaign that failed, the pledges not
    yet received are released. Pledgers and the team are told."""
    locked.status = status
    locked.closed_at = timezone.now()
    released = 0
    if status == CampaignStatus.FAILED:
        released = Pledge.objects.filter(campaign_id=locked.pk, status=PledgeStatus.PLEDGED).update(
            status=PledgeStatus.CANCELLED, decided_at=timezone.now()
        )
    recount(locked)
    locked.save()
    totals = selectors.campaign_totals(locked)
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="funding.campaign_close",
        target=locked,
        reason=reason,
        label=str(locked.initiative.title),
        data={
            "status": status,
            "pledged": str(totals.pledged),
            "matched": str(totals.matched),
            "goal": str(locked.goal),
            "released": released,
        },
    )
    pledgers = {
        p.user_id: p.user
        for p in Pledge.objects.filter(campaign_id=locked.pk).select_related("user")
        if p.user is not None
    }
    context = {"campaign": locked, "hub": locked.hub, "initiative": locked.initiative, "totals": totals}
    notify(
        list(pledgers.values()),
        template="funding/email/campaign_result.txt",
        context=context,
        url=locked.get_absolute_url(),
        hub=locked.hub,
        kind="funding",
    )
    notify(
        [u for u in _team(locked) if u.pk not in pledgers],
        template="funding/email/campaign_result_team.txt",
        context=context,
        url=locked.get_absolute_url(),
        hub=locked.hub,
        kind="funding",
    )


def _team(campaign: Campaign) -> list[Any]:
    """Whom to tell about a campaign: the initiative's owner and team."""
    initiative = campaign.initiative
    people = {m.user_id: m.user for m in initiative_selectors.team(initiative=initiative)}
    if initiative.owner_id and initiative.owner_id not in people:
        people[initiative.owner_id] = initiative.owner
    return [u for u in people.values() if u is not None]


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: Any, reason: str = "") -> Campaign:
    """The team ends an open campaign before its deadline (or a draft it gives up): closed."""
    require(actor, "funding.manage_campaign", campaign)
    locked = _locked(campaign)
    if locked.is_finished:
        raise ValidationError(_("The campaign has already ended."), code="finished")
    _finish(
        locked,
        actor=actor,
        status=CampaignStatus.CLOSED,
        reason=_text(reason, "reason", max_length=2000, required=False),
    )
    return _copy(locked, campaign)


def result_at_deadline(campaign: Campaign, reached: bool) -> str:
    """How a campaign ends at its deadline: reaching the goal succeeds; below it an
    all-or-nothing campaign fails and a keep-what-you-raise campaign closes with what it has."""
    if reached:
        return CampaignStatus.SUCCEEDED
    return CampaignStatus.FAILED if campaign.mode == Mode.ALL_OR_NOTHING else CampaignStatus.CLOSED


def close_due_campaigns() -> int:
    """Close every open campaign whose deadline (a day in its hub's time zone) has passed.
    Idempotent: a campaign already ended is skipped, also when two runs meet."""
    count = 0
    for candidate in selectors.due_campaigns(timezone.now().date() + timedelta(days=1)):
        if candidate.deadline >= candidate.hub.today():
            continue
        with transaction.atomic():
            locked = _locked(candidate)
            if locked.status != CampaignStatus.OPEN or locked.deadline >= locked.hub.today():
                continue
            reached = selectors.campaign_totals(locked).reached
            _finish(locked, actor=None, status=result_at_deadline(locked, reached))
            count += 1
    return count


# Matched funds -----------------------------------------------------------------------------


@transaction.atomic
def match_fund_add(
    *, campaign: Campaign, actor: Any, organisation: Organisation, cap: Any, ratio: Any = "1.00"
) -> MatchFund:
    """Record that a sponsor organisation matches pledges (ratio, e.g. 1 = 1:1) up to a cap."""
    require(actor, "funding.manage_campaign", campaign)
    locked = _locked(campaign)
    if locked.is_finished:
        raise ValidationError(_("The campaign has already ended."), code="finished")
    cap_value = _amount(cap, "cap", positive=True)
    try:
        ratio_value = Decimal(str(ratio).replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise _field_error("ratio", _("Enter a ratio, e.g. 1 or 0.5."), "invalid") from exc
    if (
        not ratio_value.is_finite()
        or ratio_value <= 0
        or ratio_value > 100
        or ratio_value != ratio_value.quantize(CENT)
    ):
        raise _field_error(
            "ratio", _("The ratio must be between 0.01 and 100, with at most two decimals."), "invalid"
        )
    if MatchFund.objects.filter(campaign=locked, organisation=organisation).exists():
        raise _field_error(
            "organisation",
            _("%(name)s already matches this campaign.") % {"name": organisation.name},
            "duplicate",
        )
    fund = MatchFund.objects.create(
        campaign=locked, organisation=organisation, ratio=ratio_value, cap=cap_value
    )
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="funding.match_add",
        target=locked,
        label=f"{locked.initiative.title}: {organisation.name}",
        data={"organisation": organisation.pk, "ratio": str(ratio_value), "cap": str(cap_value)},
    )
    return fund


@transaction.atomic
def match_fund_remove(*, fund: MatchFund, actor: Any) -> None:
    require(actor, "funding.manage_campaign", fund.campaign)
    locked = _locked(fund.campaign)
    if locked.is_finished:
        raise ValidationError(_("The campaign has already ended."), code="finished")
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="funding.match_remove",
        target=locked,
        label=f"{locked.initiative.title}: {fund.organisation.name}",
        data={"organisation": fund.organisation_id},
    )
    fund.delete()


# Pledges ------------------------------------------------------------------------------------


def pledge_organisations(*, user: Any) -> list[Organisation]:
    """The organisations `user` may pledge for: those they represent."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Organisation.objects.filter(representative__user_id=user.pk).distinct().order_by("name"))


def pledge_create(
    *,
    campaign: Campaign,
    actor: Any,
    amount: Any,
    organisation: Organisation | None = None,
    public_name: str = "",
    anonymous: bool = False,
    message: str = "",
    currency: str | None = None,
) -> Pledge:
    """A signed-in person pledges to an open campaign, for themselves or for an organisation
    they represent. Until the end of the deadline day in the hub's time zone. The campaign's
    row is locked, so totals stay exact when many pledge at once."""
    require(actor, "funding.pledge", campaign)
    hub = campaign.hub
    _currency(hub, currency)
    value = _amount(amount, "amount", positive=True)
    public_name = _text(public_name, "public_name", max_length=100, required=False)
    message = _text(message, "message", max_length=1000, required=False)
    if (
        organisation is not None
        and not Representative.objects.filter(organisation=organisation, user_id=actor.pk).exists()
    ):
        raise PermissionDenied(_("You can only pledge for an organisation you represent."))
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.OPEN:
            raise ValidationError(_("This campaign is not open for pledges."), code="not_open")
        if hub.today() > locked.deadline:
            raise ValidationError(_("The campaign's deadline has passed."), code="deadline")
        pledge = Pledge.objects.create(
            campaign=locked,
            user=actor,
            organisation=organisation,
            amount=value,
            public_name=public_name,
            anonymous=bool(anonymous),
            message=message,
        )
        recount(locked)
        locked.save(update_fields=["pledged_total", "received_total", "updated_at"])
        _copy(locked, campaign)
        notify(
            [u for u in _team(locked) if u.pk != actor.pk],
            template="funding/email/new_pledge.txt",
            context={"campaign": locked, "pledge": pledge, "hub": hub, "initiative": locked.initiative},
            url=f"/{hub.slug}/funding/i/{locked.initiative.slug}/campaign/pledges/",
            hub=hub,
            kind="funding",
        )
    return pledge


@transaction.atomic
def pledge_decide(*, pledge: Pledge, actor: Any, status: str) -> Pledge:
    """The team confirms a pledge was received (pledged → received) or cancels it."""
    require(actor, "funding.manage_campaign", pledge.campaign)
    if status not in (PledgeStatus.RECEIVED, PledgeStatus.CANCELLED):
        raise _field_error("status", _("Choose received or cancelled."), "invalid")
    locked = _locked(pledge.campaign)
    current = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if current.status == status:
        return current
    if current.status != PledgeStatus.PLEDGED:
        raise ValidationError(
            _("This pledge is already %(status)s.") % {"status": current.get_status_display().lower()},
            code="decided",
        )
    if locked.status == CampaignStatus.FAILED:
        raise ValidationError(_("The campaign failed: its pledges were released."), code="failed")
    current.status = status
    current.decided_at = timezone.now()
    current.decided_by = actor
    current.save(update_fields=["status", "decided_at", "decided_by"])
    recount(locked)
    locked.save(update_fields=["pledged_total", "received_total", "updated_at"])
    _copy(locked, pledge.campaign)
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="funding.pledge_received" if status == PledgeStatus.RECEIVED else "funding.pledge_cancel",
        target=locked,
        label=f"{locked.initiative.title}: {current.amount}",
        data={"pledge": current.pk, "amount": str(current.amount)},
    )
    if current.user_id and current.user_id != actor.pk:
        notify(
            [current.user],
            template="funding/email/pledge_decided.txt",
            context={
                "campaign": locked,
                "pledge": current,
                "hub": locked.hub,
                "initiative": locked.initiative,
            },
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="funding",
        )
    pledge.status, pledge.decided_at, pledge.decided_by = current.status, current.decided_at, actor
    return current


# Grant applications -----------------------------------------------------------------------------


def _fill_grant(
    application: GrantApplication,
    *,
    funder: str,
    amount: Any,
    purpose: str,
    deadline: date | None,
    submitted_on: date | None,
    note: str,
) -> None:
    application.funder = _text(funder, "funder", max_length=200)
    application.purpose = _text(purpose, "purpose", max_length=200, required=False)
    application.amount = _amount(amount, "amount", positive=True)
    application.deadline = deadline
    application.submitted_on = submitted_on
    application.note = _text(note, "note", max_length=4000, required=False)


def _apply_status(
    application: GrantApplication,
    *,
    actor: Any,
    status: str,
    amount_granted: Any,
    decided_on: date | None,
    before: str | None,
) -> None:
    if status not in GrantStatus.values:
        raise _field_error("status", _("Choose a valid status."), "invalid")
    today = application.budget.hub.today()
    if status == GrantStatus.GRANTED:
        granted = _amount(
            amount_granted if amount_granted not in (None, "") else application.amount,
            "amount_granted",
            positive=True,
        )
        application.amount_granted = granted
    else:
        application.amount_granted = None
    if status in (GrantStatus.GRANTED, GrantStatus.REJECTED):
        application.decided_on = decided_on or application.decided_on or today
        if application.submitted_on and application.decided_on < application.submitted_on:
            raise _field_error("decided_on", _("The decision cannot come before the application."), "order")
    else:
        application.decided_on = None
    application.status = status
    application.save()
    # A granted application shows in the financing plan as a grant; otherwise it does not.
    source = FundingSource.objects.filter(grant_application=application).first()
    if status == GrantStatus.GRANTED:
        if source is None:
            source = FundingSource(
                budget=application.budget, kind=SourceKind.GRANT, grant_application=application
            )
        source.description = application.funder
        source.planned = application.amount_granted
        source.save()
    elif source is not None:
        source.delete()
    decided = status in (GrantStatus.GRANTED, GrantStatus.REJECTED)
    if before != status and (decided or before in (GrantStatus.GRANTED, GrantStatus.REJECTED)):
        audit_record(
            hub=application.budget.hub,
            actor=actor,
            action="funding.grant_decide",
            target=application,
            label=f"{application.funder}: {application.get_status_display()}",
            data={
                "before": before or "",
                "after": status,
                "amount_granted": str(application.amount_granted or ""),
            },
        )


@transaction.atomic
def grant_create(
    *,
    budget: Budget,
    actor: Any,
    funder: str,
    amount: Any,
    purpose: str = "",
    deadline: date | None = None,
    status: str = GrantStatus.PLANNED,
    submitted_on: date | None = None,
    amount_granted: Any = None,
    decided_on: date | None = None,
    note: str = "",
) -> GrantApplication:
    require(actor, "funding.manage_grants", _budget_target(budget))
    application = GrantApplication(budget=budget)
    _fill_grant(
        application,
        funder=funder,
        amount=amount,
        purpose=purpose,
        deadline=deadline,
        submitted_on=submitted_on,
        note=note,
    )
    application.budget = _saved_budget(budget)
    _apply_status(
        application,
        actor=actor,
        status=status,
        amount_granted=amount_granted,
        decided_on=decided_on,
        before=None,
    )
    return application


@transaction.atomic
def grant_update(
    *,
    application: GrantApplication,
    actor: Any,
    funder: str,
    amount: Any,
    status: str,
    purpose: str = "",
    deadline: date | None = None,
    submitted_on: date | None = None,
    amount_granted: Any = None,
    decided_on: date | None = None,
    note: str = "",
) -> GrantApplication:
    """Change an application, and record the funder's decision (granted or rejected)."""
    require(actor, "funding.manage_grants", _budget_target(application.budget))
    before = (
        GrantApplication.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    )
    _fill_grant(
        application,
        funder=funder,
        amount=amount,
        purpose=purpose,
        deadline=deadline,
        submitted_on=submitted_on,
        note=note,
    )
    _apply_status(
        application,
        actor=actor,
        status=status,
        amount_granted=amount_granted,
        decided_on=decided_on,
        before=before,
    )
    return application


@transaction.atomic
def grant_delete(*, application: GrantApplication, actor: Any) -> None:
    require(actor, "funding.manage_grants", _budget_target(application.budget))
    files = [d.file for d in application.documents.all()]
    application.delete()

    def remove_files() -> None:
        for stored in files:
            stored.delete(save=False)

    transaction.on_commit(remove_files)


@transaction.atomic
def grant_document_add(
    *, application: GrantApplication, actor: Any, file: UploadedFile, name: str = ""
) -> GrantDocument:
    """Attach a document (the application, the decision …): PDF, image or office document,
    checked whole and kept in private storage."""
    require(actor, "funding.manage_grants", _budget_target(application.budget))
    limit = settings.MAX_UPLOAD_SIZE
    if file.size is None or file.size > limit:
        raise _field_error(
            "file",
            _("The file is too large. The limit is %(mb)s MB.") % {"mb": round(limit / 1048576, 1)},
            "too_large",
        )
    original = (file.name or "").rsplit("/", 1)[-1]
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    wrong = _field_error(
        "file",
        _("Upload a PDF, an image (JPEG, PNG, WebP) or an office document (DOCX, XLSX, ODT, ODS)."),
        "file_type",
    )
    if extension not in DOCUMENT_TYPES:
        raise wrong
    try:
        check_document(file, extension)
    except TooManyPixels as exc:
        raise _field_error("file", str(exc), "too_many_pixels") from exc
    except BadDocument as exc:
        raise wrong from exc
    label = (name.strip() or original.rsplit(".", 1)[0] or _("Document"))[:200]
    file.name = f"{slugify(label)[:60] or 'document'}.{extension}"
    document = GrantDocument(
        application=application,
        file=file,
        name=label,
        extension=extension,
        content_type=DOCUMENT_TYPES[extension],
        size=file.size or 0,
        uploaded_by=actor,
    )
    document.save()
    return document


@transaction.atomic
def grant_document_remove(*, document: GrantDocument, actor: Any) -> None:
    require(actor, "funding.manage_grants", _budget_target(document.application.budget))
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
