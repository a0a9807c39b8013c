"""Every change to partners and commitments (V1). Keyword-only; each checks permission, writes
in one transaction with its audit entry, and tells the other side. Errors are translated
`ValidationError`s with a code, or `PermissionDenied`."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.money import validate_amount
from apps.core.permissions import require
from apps.hubs.models import ApplicationStatus, Hub, Membership, Partnership
from apps.hubs.selectors import hub_leads
from apps.initiatives.models import Initiative, TeamMember
from apps.initiatives.selectors import team_roles
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative
from apps.partners.models import Commitment, CommitmentChange, Partner

MAX_HOURS = Decimal("100000")
DESCRIPTION_MAX = 300
ROLE_TEXT_MAX = 200

# Whose permission each move needs, and the audit action it writes.
STATUS_PERMISSION = {
    Commitment.Status.AGREED: "partners.decide_commitment",
    Commitment.Status.DELIVERED: "partners.decide_commitment",
    Commitment.Status.WITHDRAWN: "partners.withdraw_commitment",
}
STATUS_ACTION = {
    Commitment.Status.AGREED: "partners.commitment_agree",
    Commitment.Status.DELIVERED: "partners.commitment_deliver",
    Commitment.Status.WITHDRAWN: "partners.commitment_withdraw",
}


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def receiving_side(partner: Partner) -> list[Any]:
    """Who a partner partners with: the hub's leads, and for an initiative's partner also its
    owner and project leads."""
    people = {user.pk: user for user in hub_leads(partner.hub)}
    if partner.initiative_id is not None:
        initiative = partner.initiative
        assert initiative is not None
        people.setdefault(initiative.owner_id, initiative.owner)
        lead_ids = [uid for uid, role in team_roles(initiative).items() if role == TeamMember.Role.LEAD]
        for member in TeamMember.objects.filter(initiative=initiative, user_id__in=lead_ids).select_related(
            "user"
        ):
            people.setdefault(member.user_id, member.user)
    return list(people.values())


def partner_side(partner: Partner) -> list[Any]:
    """The partner person, or the partner organisation's representatives."""
    if partner.user_id is not None:
        return [partner.user]
    reps = Representative.objects.filter(organisation=partner.organisation).select_related("user")
    return [rep.user for rep in reps.order_by("user_id")]


def _is_partner_side(partner: Partner, user: Any) -> bool:
    return any(person.pk == user.pk for person in partner_side(partner))


def _check_role(role: str, role_text: str) -> tuple[str, str]:
    if role not in Partner.Role.values:
        raise _error("role", _("Choose one of the roles in the list."), "invalid_choice")
    role_text = (role_text or "").strip()
    if len(role_text) > ROLE_TEXT_MAX:
        raise _error(
            "role_text",
            _("Say it in at most %(max)d characters.") % {"max": ROLE_TEXT_MAX},
            "max_length",
        )
    return role, role_text


@transaction.atomic
def partner_add(
    *,
    actor: Any,
    hub: Hub,
    initiative: Initiative | None = None,
    organisation: Organisation | None = None,
    user: Any = None,
    role: str = Partner.Role.SUPPORTER,
    role_text: str = "",
) -> Partner:
    """Make an organisation or a person a partner of the hub or of one of its initiatives.

    A partner organisation of the hub itself must be an approved partner (hubs.Partnership);
    a person must be an approved member of the hub."""
    if initiative is not None and initiative.hub_id != hub.pk:
        raise ValueError("The initiative belongs to another hub.")
    require(actor, "partners.add_partner", initiative or hub)
    if (organisation is None) == (user is None):
        raise _error("organisation", _("Choose an organisation or a person, not both."), "required")
    role, role_text = _check_role(role, role_text)
    if organisation is not None and initiative is None:
        approved = Partnership.objects.filter(
            hub=hub, organisation=organisation, status=ApplicationStatus.APPROVED
        ).exists()
        if not approved:
            raise _error(
                "organisation",
                _("Only organisations that are approved partners of the hub can be its partners."),
                "not_partner",
            )
    if user is not None:
        member = Membership.objects.filter(hub=hub, user=user, status=ApplicationStatus.APPROVED).exists()
        if not member:
            raise _error(
                "email", _("Only approved members of the hub can be added as partners."), "not_member"
            )
    partner = Partner(
        hub=hub,
        initiative=initiative,
        organisation=organisation,
        user=user,
        role=role,
        role_text=role_text,
        added_by=actor,
    )
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError as exc:
        raise _error(
            "organisation" if organisation is not None else "email",
            _("This partner has already been added."),
            "unique",
        ) from exc
    where = initiative.title if initiative is not None else hub.name
    audit_record(
        hub=hub,
        actor=actor,
        action="partners.partner_add",
        target=partner,
        data={"role": role, "initiative": initiative.slug if initiative else None},
        label=f"{partner.name} — {where}",
    )
    notify(
        [p for p in partner_side(partner) if p.pk != getattr(actor, "pk", None)],
        template="partners/email/partner_added.txt",
        context={"hub": hub, "partner": partner, "where": where},
        url=partner_url(partner),
        hub=hub,
        kind="partners",
    )
    return partner


def hub_partner_for(*, hub: Hub, organisation: Organisation) -> Partner:
    """The Partner row of an approved partner organisation of the hub, made the first time it is
    needed (a hub's organisation partners are its approved Partnerships)."""
    approved = Partnership.objects.filter(
        hub=hub, organisation=organisation, status=ApplicationStatus.APPROVED
    ).exists()
    if not approved:
        raise _error(
            "organisation",
            _("Only organisations that are approved partners of the hub can commit to it."),
            "not_partner",
        )
    partner, _created = Partner.objects.get_or_create(
        hub=hub,
        initiative=None,
        organisation=organisation,
        defaults={"role": Partner.Role.CO_OWNER},
    )
    return partner


@transaction.atomic
def partner_update(*, actor: Any, partner: Partner, role: str, role_text: str = "") -> Partner:
    require(actor, "partners.change_partner", partner)
    role, role_text = _check_role(role, role_text)
    if (partner.role, partner.role_text) == (role, role_text):
        return partner
    before = partner.role
    partner.role, partner.role_text = role, role_text
    partner.save(update_fields=["role", "role_text"])
    audit_record(
        hub=partner.hub,
        actor=actor,
        action="partners.partner_change",
        target=partner,
        data={"from": before, "to": role},
        label=partner.name,
    )
    return partner


@transaction.atomic
def partner_remove(*, actor: Any, partner: Partner) -> None:
    """Take a partner off; one that has commitments still counting cannot be (withdraw them
    first), so that no promise disappears from the record."""
    require(actor, "partners.change_partner", partner)
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    if locked.commitments.exclude(status=Commitment.Status.WITHDRAWN).exists():
        raise ValidationError(
            _("This partner has commitments. Withdraw them first; they stay in the record."),
            code="has_commitments",
        )
    audit_record(
        hub=locked.hub, actor=actor, action="partners.partner_remove", target=locked, label=locked.name
    )
    locked.delete()


def _clean_commitment(
    kind: str, description: str, amount: Any, hours: Any, due_on: date | None
) -> tuple[str, Decimal | None, Decimal | None]:
    if kind not in Commitment.Kind.values:
        raise _error("kind", _("Choose what kind of commitment it is."), "invalid_choice")
    description = (description or "").strip()
    if not description:
        raise _error("description", _("Say what is committed."), "required")
    if len(description) > DESCRIPTION_MAX:
        raise _error(
            "description",
            _("Say it in at most %(max)d characters.") % {"max": DESCRIPTION_MAX},
            "max_length",
        )
    if amount in ("", None):
        amount = None
    else:
        try:
            validate_amount(amount)
        except ValidationError as exc:
            raise ValidationError({"amount": exc.error_list}) from exc
        amount = Decimal(str(amount))
    if hours in ("", None):
        hours = None
    else:
        try:
            hours = Decimal(str(hours))
        except (InvalidOperation, ValueError) as exc:
            raise _error("hours", _("Enter a number of hours, e.g. 12 or 7.5."), "invalid") from exc
        if (
            not hours.is_finite()
            or hours <= 0
            or hours > MAX_HOURS
            or hours != hours.quantize(Decimal("0.1"))
        ):
            raise _error(
                "hours",
                _("Enter a number of hours between 0.1 and 100 000, with at most one decimal."),
                "invalid",
            )
    if kind == Commitment.Kind.MONEY and not amount:
        raise _error("amount", _("Say how much money is committed."), "required")
    if kind == Commitment.Kind.HOURS:
        if hours is None:
            raise _error("hours", _("Say how many hours are committed."), "required")
        amount = None  # hours are worth the hub's hourly rate
    elif hours is not None:
        raise _error("hours", _("Hours belong to a commitment of hours."), "invalid")
    return description, amount, hours


@transaction.atomic
def commitment_offer(
    *,
    actor: Any,
    partner: Partner,
    kind: str,
    description: str,
    amount: Any = None,
    hours: Any = None,
    due_on: date | None = None,
) -> Commitment:
    """Record a commitment a partner offers (the partner side, or the receiving side writing it
    down for them). It starts as offered; the receiving side agrees to it."""
    require(actor, "partners.offer_commitment", partner)
    description, amount, hours = _clean_commitment(kind, description, amount, hours, due_on)
    commitment = Commitment.objects.create(
        partner=partner,
        kind=kind,
        description=description,
        amount=amount,
        hours=hours,
        due_on=due_on,
        created_by=actor,
    )
    CommitmentChange.objects.create(
        commitment=commitment, status=commitment.status, amount=amount, hours=hours, actor=actor
    )
    from_partner = _is_partner_side(partner, actor)
    recipients = receiving_side(partner) if from_partner else partner_side(partner)
    notify(
        [p for p in recipients if p.pk != actor.pk],
        template="partners/email/commitment_offered.txt",
        context={"hub": partner.hub, "partner": partner, "commitment": commitment, "actor": actor},
        url=partner_url(partner),
        hub=partner.hub,
        kind="partners",
    )
    return commitment


@transaction.atomic
def commitment_set_status(*, actor: Any, commitment: Commitment, status: str, note: str = "") -> Commitment:
    """Move a commitment on: agreed or delivered (the receiving side), withdrawn (either side).
    The row is locked, so two people moving it at once cannot both succeed from the same state."""
    if status not in STATUS_PERMISSION:
        raise _error("status", _("A commitment cannot be moved there."), "invalid_choice")
    require(actor, STATUS_PERMISSION[Commitment.Status(status)], commitment)
    locked = Commitment.objects.select_for_update().select_related("partner__hub").get(pk=commitment.pk)
    if not locked.can_become(status):
        raise _error(
            "status",
            _("This commitment is %(status)s and cannot become %(new)s.")
            % {"status": locked.get_status_display().lower(), "new": Commitment.Status(status).label.lower()},
            "invalid_transition",
        )
    note = (note or "").strip()[:500]
    before = locked.status
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    CommitmentChange.objects.create(
        commitment=locked, status=status, amount=locked.amount, hours=locked.hours, note=note, actor=actor
    )
    partner = locked.partner
    audit_record(
        hub=partner.hub,
        actor=actor,
        action=STATUS_ACTION[Commitment.Status(status)],
        target=locked,
        reason=note,
        data={"from": before, "to": status, "partner": partner.name},
        label=f"{partner.name}: {locked.description}"[:200],
    )
    from_partner = _is_partner_side(partner, actor)
    recipients = receiving_side(partner) if from_partner else partner_side(partner)
    notify(
        [p for p in recipients if p.pk != actor.pk],
        template="partners/email/commitment_status.txt",
        context={"hub": partner.hub, "partner": partner, "commitment": locked, "actor": actor, "note": note},
        url=partner_url(partner),
        hub=partner.hub,
        kind="partners",
    )
    commitment.status = locked.status
    return locked


def partner_url(partner: Partner) -> str:
    """Where a partner's commitments are shown: the initiative's partners page, the
    organisation's page in the hub, or the hub's partners page for a person."""
    if partner.initiative_id is not None:
        assert partner.initiative is not None
        return reverse("hubs:partners:initiative", args=[partner.hub.slug, partner.initiative.slug])
    if partner.organisation is not None:
        return reverse("hubs:partners:organisation", args=[partner.hub.slug, partner.organisation.slug])
    return reverse("hubs:partners:hub", args=[partner.hub.slug])
