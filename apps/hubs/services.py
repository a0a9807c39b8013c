"""Every change to hubs, memberships, partnerships and working groups goes through here.

Each function checks permission, writes inside one transaction, and does its side effects
(notifications) only after commit. Errors are Django `ValidationError`s with translated
messages, or `PermissionDenied`.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.hubs.models import (
    ApplicationStatus,
    Hub,
    Membership,
    Partnership,
    WorkingGroup,
    WorkingGroupMember,
    hub_name_key,
)
from apps.hubs.rules import forget_memberships
from apps.hubs.selectors import hub_leads
from apps.notifications.services import notify
from apps.organisations.models import Organisation

# Hubs ---------------------------------------------------------------------------------


def hub_update(*, hub: Hub, actor: Any, **fields: Any) -> Hub:
    """Change a hub's name, description, place, languages and settings."""
    require(actor, "hubs.change_hub", hub)
    allowed = {
        "name",
        "tagline",
        "description",
        "place",
        "languages",
        "timezone",
        "contact_email",
        "accepts_members",
        "accepts_partners",
        "currency",
        "hourly_rate",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    name_taken = ValidationError(
        {"name": ValidationError(_("Another hub already has this name. Choose another."), code="unique")}
    )
    if "name" in fields:
        taken = Hub.objects.filter(name_key=hub_name_key(fields["name"])).exclude(pk=hub.pk)
        if taken.exists():
            raise name_taken
    for name, value in fields.items():
        setattr(hub, name, value)
    hub.full_clean(exclude=["name_key"])  # a clash is name_taken, on the field people see
    try:
        with transaction.atomic():
            hub.save()
    except IntegrityError as exc:  # the same name chosen by two hubs at the same moment
        raise name_taken from exc
    return hub


# A hub is a city or a region: its box may span at most this many degrees (about 1 100 km
# east–west at 60° north, 1 100 km north–south). A wider box is a slip (a missing minus sign,
# longitude and latitude swapped), not a hub.
BOUNDS_MAX_LON_SPAN = 20.0
BOUNDS_MAX_LAT_SPAN = 10.0
BOUNDS_FIELDS = ("bounds_min_lon", "bounds_min_lat", "bounds_max_lon", "bounds_max_lat")


def _bounds_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def clean_bounds(
    min_lon: float | None, min_lat: float | None, max_lon: float | None, max_lat: float | None
) -> tuple[float, float, float, float] | None:
    """The box as four floats, None when all four are empty, or a ValidationError on the field
    that is wrong: all or none, inside ±180/±90, west before east and south before north, and
    no wider than a region."""
    values = dict(zip(BOUNDS_FIELDS, (min_lon, min_lat, max_lon, max_lat), strict=True))
    if all(v is None for v in values.values()):
        return None
    for name, value in values.items():
        if value is None:
            raise _bounds_error(
                name, _("Give all four edges of the box, or leave all four empty."), "incomplete"
            )
    west, south, east, north = (float(v) for v in values.values())  # type: ignore[arg-type]
    for name, value, limit in (
        ("bounds_min_lon", west, 180),
        ("bounds_max_lon", east, 180),
        ("bounds_min_lat", south, 90),
        ("bounds_max_lat", north, 90),
    ):
        if not -limit <= value <= limit:
            raise _bounds_error(
                name,
                _("Give a number between -%(limit)d and %(limit)d degrees.") % {"limit": limit},
                "out_of_range",
            )
    if east <= west:
        raise _bounds_error(
            "bounds_max_lon",
            _("The easternmost longitude must be greater than the westernmost."),
            "unordered",
        )
    if north <= south:
        raise _bounds_error(
            "bounds_max_lat",
            _("The northernmost latitude must be greater than the southernmost."),
            "unordered",
        )
    if east - west > BOUNDS_MAX_LON_SPAN:
        raise _bounds_error(
            "bounds_max_lon",
            _("The box is too wide for a hub: at most %(degrees)d degrees of longitude.")
            % {"degrees": BOUNDS_MAX_LON_SPAN},
            "too_large",
        )
    if north - south > BOUNDS_MAX_LAT_SPAN:
        raise _bounds_error(
            "bounds_max_lat",
            _("The box is too tall for a hub: at most %(degrees)d degrees of latitude.")
            % {"degrees": BOUNDS_MAX_LAT_SPAN},
            "too_large",
        )
    return west, south, east, north


@transaction.atomic
def hub_set_bounds(
    *,
    hub: Hub,
    actor: Any,
    bounds_min_lon: float | None,
    bounds_min_lat: float | None,
    bounds_max_lon: float | None,
    bounds_max_lat: float | None,
) -> Hub:
    """A steward sets (or, with four empty edges, removes) the hub's bounding box: places must
    then lie inside the hub's areas or this box. Recorded in the audit log."""
    require(actor, "hubs.change_hub", hub)
    box = clean_bounds(bounds_min_lon, bounds_min_lat, bounds_max_lon, bounds_max_lat)
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    before = locked.bounds
    if box == before:
        return locked
    values = box if box is not None else (None, None, None, None)
    for name, value in zip(BOUNDS_FIELDS, values, strict=True):
        setattr(locked, name, value)
        setattr(hub, name, value)
    locked.save(update_fields=list(BOUNDS_FIELDS))
    audit_record(
        hub=locked,
        actor=actor,
        action="hubs.bounds_change",
        target=locked,
        data={"before": list(before) if before else None, "after": list(box) if box else None},
    )
    return locked


HUB_STAGES = ("establishing", "active")


@transaction.atomic
def hub_stage_set(*, hub: Hub, stage: str, actor: Any, reason: str = "") -> Hub:
    """Move a hub between "being established" and "active" (H2): recorded in the audit log and
    told to its members. Closing the last step of the hub's establishment process calls this."""
    require(actor, "hubs.change_hub", hub)
    if stage not in HUB_STAGES:
        raise ValidationError({"stage": ValidationError(_("Choose a stage."), code="stage")})
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    previous = locked.stage
    if previous == stage:
        return locked
    locked.stage = stage
    locked.save(update_fields=["stage"])
    hub.stage = stage
    audit_record(
        hub=locked,
        actor=actor,
        action="hubs.stage_change",
        target=locked,
        reason=reason,
        data={"from": previous, "to": stage},
    )
    members = [
        m.user
        for m in Membership.objects.filter(hub=locked, status=ApplicationStatus.APPROVED).select_related(
            "user"
        )
    ]
    notify(
        [u for u in members if u.pk != getattr(actor, "pk", None)],
        template="hubs/email/stage_changed.txt",
        context={"hub": locked, "stage": stage},
        url=locked.get_absolute_url(),
        hub=locked,
    )
    return locked


# Membership ---------------------------------------------------------------------------


@transaction.atomic
def membership_apply(*, hub: Hub, user: Any, message: str = "") -> Membership:
    """A person applies to join a hub. The stewards are told; the application waits for them.

    A second application while one is pending or approved is refused; after a rejection the
    person may apply again, which reopens the same application.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to apply."))
    if not hub.accepts_members:
        raise ValidationError(_("This hub is not taking new members right now."), code="closed")
    existing = Membership.objects.select_for_update().filter(hub=hub, user=user).first()
    if existing is not None:
        if existing.status == ApplicationStatus.PENDING:
            raise ValidationError(
                _("You have already applied to this hub. The stewards will answer soon."),
                code="duplicate",
            )
        if existing.status == ApplicationStatus.APPROVED:
            raise ValidationError(_("You are already a member of this hub."), code="duplicate")
        existing.status = ApplicationStatus.PENDING
        existing.message = message
        existing.applied_at = timezone.now()
        existing.decided_at = None
        existing.decided_by = None
        existing.decision_reason = ""
        existing.save()
        membership = existing
    else:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(hub=hub, user=user, message=message)
        except IntegrityError as exc:
            # Two requests at once: the unique constraint lets only one through.
            raise ValidationError(
                _("You have already applied to this hub. The stewards will answer soon."),
                code="duplicate",
            ) from exc
    forget_memberships(user)
    notify(
        hub_leads(hub),
        template="hubs/email/application_received.txt",
        context={"hub": hub, "applicant": user, "kind": "member"},
    )
    return membership


@transaction.atomic
def membership_decide(*, membership: Membership, actor: Any, approve: bool, reason: str = "") -> Membership:
    """A steward approves or rejects an application; the applicant is told why."""
    require(actor, "hubs.decide_application", membership.hub)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    if not approve and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the applicant a reason when you reject an application.")},
            code="reason_required",
        )
    locked.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reason = reason.strip()
    locked.save()
    forget_memberships(locked.user)
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="hubs.membership_approve" if approve else "hubs.membership_reject",
        target=locked,
        reason=locked.decision_reason,
        label=locked.user.display_name,
    )
    notify(
        [locked.user],
        template="hubs/email/application_decided.txt",
        context={"hub": locked.hub, "approved": approve, "reason": locked.decision_reason},
    )
    return locked


@transaction.atomic
def membership_set_roles(
    *,
    membership: Membership,
    actor: Any,
    is_steward: bool,
    is_network_lead: bool,
    is_board: bool,
) -> Membership:
    """Give or take the offices of stewardship team, network lead and board."""
    require(actor, "hubs.assign_roles", membership.hub)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("Only approved members can hold a role."), code="not_member")
    if locked.user_id == actor.pk and not (is_steward or is_network_lead) and not actor.is_superuser:
        raise ValidationError(_("You cannot remove your own stewardship. Ask another steward."), code="self")
    before = offices_of(locked)
    locked.is_steward = is_steward
    locked.is_network_lead = is_network_lead
    locked.is_board = is_board
    after = offices_of(locked)
    if before == after:
        return locked  # nothing changed: no entry, nobody told
    locked.save(update_fields=["is_steward", "is_network_lead", "is_board"])
    forget_memberships(locked.user)
    forget_memberships(actor)
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="hubs.offices_change",
        target=locked,
        label=locked.user.display_name,
        data={"before": before, "after": after},
    )
    notify(
        [locked.user],
        template="hubs/email/offices_changed.txt",
        context={
            "hub": locked.hub,
            "actor": actor,
            "given": [o for o in after if o not in before],
            "taken": [o for o in before if o not in after],
        },
        url=reverse("hubs:home", args=[locked.hub.slug]),
        kind="offices",
    )
    return locked


def offices_of(membership: Membership) -> list[str]:
    """The offices a member holds, in a fixed order: "steward", "network_lead", "board"."""
    flags = [
        ("steward", membership.is_steward),
        ("network_lead", membership.is_network_lead),
        ("board", membership.is_board),
    ]
    return [name for name, held in flags if held]


@transaction.atomic
def membership_leave(*, membership: Membership, actor: Any) -> None:
    """A member leaves a hub (and its working groups)."""
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    offices = offices_of(membership)
    led = list(WorkingGroup.objects.filter(hub=membership.hub, lead=actor).values_list("name", flat=True))
    WorkingGroupMember.objects.filter(group__hub=membership.hub, user=actor).delete()
    WorkingGroup.objects.filter(hub=membership.hub, lead=actor).update(lead=None)
    membership.delete()
    forget_memberships(actor)
    if offices or led:
        # Leaving gives up offices and leads: the log says so, and the hub's leads hear of it.
        audit_record(
            hub=membership.hub,
            actor=actor,
            action="hubs.member_leave",
            target=None,
            label=actor.display_name,
            data={"offices": offices, "groups_led": led},
        )
        notify(
            [u for u in hub_leads(membership.hub) if u.pk != actor.pk],
            template="hubs/email/member_left.txt",
            context={"hub": membership.hub, "member": actor, "groups_led": led},
            url=reverse("hubs:roles", args=[membership.hub.slug]),
            kind="offices",
        )


# Partnership --------------------------------------------------------------------------


@transaction.atomic
def partnership_apply(
    *, hub: Hub, organisation: Organisation, actor: Any, contribution: str = ""
) -> Partnership:
    """A representative applies for their organisation to become a partner of the hub."""
    require(actor, "hubs.apply_partnership", hub)
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can apply for it."))
    existing = Partnership.objects.select_for_update().filter(hub=hub, organisation=organisation).first()
    if existing is not None:
        if existing.status == ApplicationStatus.REJECTED:
            existing.status = ApplicationStatus.PENDING
            existing.contribution = contribution
            existing.applied_by = actor
            existing.applied_at = timezone.now()
            existing.decided_at = None
            existing.decided_by = None
            existing.decision_reason = ""
            existing.save()
            partnership = existing
        elif existing.status == ApplicationStatus.PENDING:
            raise ValidationError(
                _("%(name)s has already applied to this hub.") % {"name": organisation.name},
                code="duplicate",
            )
        else:
            raise ValidationError(
                _("%(name)s is already a partner of this hub.") % {"name": organisation.name},
                code="duplicate",
            )
    else:
        try:
            with transaction.atomic():
                partnership = Partnership.objects.create(
                    hub=hub, organisation=organisation, applied_by=actor, contribution=contribution
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("%(name)s has already applied to this hub.") % {"name": organisation.name},
                code="duplicate",
            ) from exc
    notify(
        hub_leads(hub),
        template="hubs/email/application_received.txt",
        context={"hub": hub, "applicant": organisation, "kind": "partner"},
    )
    return partnership


@transaction.atomic
def partnership_decide(
    *, partnership: Partnership, actor: Any, approve: bool, reason: str = ""
) -> Partnership:
    """A steward approves or rejects a partnership; the representatives are told why."""
    require(actor, "hubs.decide_application", partnership.hub)
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    if not approve and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the applicant a reason when you reject an application.")},
            code="reason_required",
        )
    locked.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reason = reason.strip()
    locked.save()
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="hubs.partnership_approve" if approve else "hubs.partnership_reject",
        target=locked,
        reason=locked.decision_reason,
        label=locked.organisation.name,
    )
    notify(
        list(locked.organisation.representatives.all()),
        template="hubs/email/application_decided.txt",
        context={
            "hub": locked.hub,
            "approved": approve,
            "reason": locked.decision_reason,
            "organisation": locked.organisation,
        },
    )
    return locked


# Working groups -----------------------------------------------------------------------


def _unique_group_slug(hub: Hub, name: str) -> str:
    base = slugify(name)[:70] or "group"
    slug, n = base, 2
    while WorkingGroup.objects.filter(hub=hub, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_lead(hub: Hub, lead: Any) -> None:
    if (
        lead is not None
        and not Membership.objects.filter(hub=hub, user=lead, status=ApplicationStatus.APPROVED).exists()
    ):
        raise ValidationError(
            {"lead": _("The lead must be an approved member of this hub.")}, code="lead_not_member"
        )


@transaction.atomic
def working_group_create(
    *, hub: Hub, actor: Any, name: str, theme: str = "", description: str = "", lead: Any = None
) -> WorkingGroup:
    """Stewards set up a working group; its lead becomes its first member."""
    require(actor, "hubs.add_working_group", hub)
    _check_lead(hub, lead)
    group = WorkingGroup(
        hub=hub,
        name=name,
        theme=theme,
        description=description,
        lead=lead,
        slug=_unique_group_slug(hub, name),
    )
    # The unique slug is the database's job (see below): a check here would race.
    group.full_clean(validate_unique=False, validate_constraints=False)
    while True:
        try:
            with transaction.atomic():
                group.save()
            break
        except IntegrityError:
            # A group with the same name was created at the same moment and took the slug.
            if not WorkingGroup.objects.filter(hub=hub, slug=group.slug).exists():
                raise
            group.slug = _unique_group_slug(hub, name)
    if lead is not None:
        WorkingGroupMember.objects.create(group=group, user=lead)
        _lead_changed(group, actor, None)
    return group


def _lead_changed(group: WorkingGroup, actor: Any, previous: Any) -> None:
    """Who leads a working group decides who may edit it: one entry, and the new lead is told."""
    audit_record(
        hub=group.hub,
        actor=actor,
        action="hubs.group_lead",
        target=group,
        data={"before": getattr(previous, "pk", None), "after": group.lead_id},
    )
    if group.lead is not None and group.lead_id != getattr(actor, "pk", None):
        notify(
            [group.lead],
            template="hubs/email/group_lead.txt",
            context={"hub": group.hub, "group": group, "actor": actor},
            url=reverse("hubs:working_group", args=[group.hub.slug, group.slug]),
            kind="offices",
        )


@transaction.atomic
def working_group_update(
    *, group: WorkingGroup, actor: Any, name: str, theme: str, description: str, lead: Any
) -> WorkingGroup:
    require(actor, "hubs.change_working_group", group)
    if lead != group.lead and not actor.has_perm("hubs.add_working_group", group.hub):
        raise PermissionDenied(_("Only the stewards can change who leads a working group."))
    _check_lead(group.hub, lead)
    previous = group.lead
    group.name, group.theme, group.description, group.lead = name, theme, description, lead
    group.full_clean()
    group.save()
    if lead is not None:
        WorkingGroupMember.objects.get_or_create(group=group, user=lead)
    if getattr(previous, "pk", None) != getattr(lead, "pk", None):
        _lead_changed(group, actor, previous)
    return group


@transaction.atomic
def working_group_join(*, group: WorkingGroup, user: Any) -> WorkingGroupMember:
    require(user, "hubs.join_working_group", group)
    member, created = WorkingGroupMember.objects.get_or_create(group=group, user=user)
    if not created:
        raise ValidationError(_("You are already in this working group."), code="duplicate")
    return member


@transaction.atomic
def working_group_leave(*, group: WorkingGroup, user: Any) -> None:
    if group.lead_id == user.pk:
        raise ValidationError(
            _("The lead cannot leave the group. Ask a steward to appoint a new lead first."),
            code="lead",
        )
    deleted, _unused = WorkingGroupMember.objects.filter(group=group, user=user).delete()
    if not deleted:
        raise ValidationError(_("You are not in this working group."), code="not_member")


@transaction.atomic
def working_group_remove_member(*, group: WorkingGroup, actor: Any, user: Any) -> None:
    """The group's lead or a steward removes someone from the group."""
    require(actor, "hubs.change_working_group", group)
    if group.lead_id == user.pk:
        raise ValidationError(_("Appoint a new lead before removing this one."), code="lead")
    WorkingGroupMember.objects.filter(group=group, user=user).delete()
