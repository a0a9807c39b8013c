"""Every change to volunteer roles, shifts, sign-ups and hours. Keyword-only; each checks
permission, writes in one transaction and tells people (notify) after the change. Errors are
`ValidationError`s with a code (a field's error under its name), or `PermissionDenied`.

Never overfilled: signing up, cancelling and changing a shift lock the shift's row
(`select_for_update`; SQLite serialises write transactions), recount inside the lock and keep
`Shift.confirmed_count`, which the database refuses above the capacity.

Confirmed hours flow into the initiative's financing plan: one funding source of kind volunteer
hours per initiative (remembered in `LoggedHoursSource`) whose `actual_hours` is the confirmed
total, written through `apps.funding.services` (source_add / source_update). Those ask for
`funding.change_budget`, which is the same predicate (team | hub leads) as
`volunteers.manage_shifts`, so whoever may confirm hours may also write the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import Competence
from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.funding import selectors as funding_selectors
from apps.funding import services as funding_services
from apps.funding.models import FundingSource, SourceKind
from apps.initiatives.models import Initiative
from apps.notifications.services import notify

from .models import (
    MAX_HOURS_PER_DAY,
    CalendarFeed,
    HoursLog,
    LoggedHoursSource,
    Shift,
    Signup,
    VolunteerRole,
)

CENT = Decimal("0.01")


def _error(field: str | None, message: str, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def _text(value: Any, field: str, *, max_length: int, required: bool = True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise _error(field, _("This field is required."), "required")
    if len(value) > max_length:
        raise _error(field, _("At most %(max)d characters.") % {"max": max_length}, "max_length")
    return value


# Roles ----------------------------------------------------------------------------------------


@transaction.atomic
def role_create(
    *,
    initiative: Initiative,
    actor: Any,
    name: str,
    description: str = "",
    skills: Iterable[Competence] = (),
) -> VolunteerRole:
    """The team describes a kind of volunteer work and the skills it wants."""
    require(actor, "volunteers.manage_shifts", initiative)
    name = _text(name, "name", max_length=120)
    if VolunteerRole.objects.filter(initiative=initiative, name__iexact=name).exists():
        raise _error("name", _("This initiative already has a role with that name."), "duplicate")
    try:
        with transaction.atomic():
            role = VolunteerRole.objects.create(
                hub=initiative.hub,
                initiative=initiative,
                name=name,
                description=_text(description, "description", max_length=5000, required=False),
            )
    except IntegrityError as exc:
        raise _error("name", _("This initiative already has a role with that name."), "duplicate") from exc
    role.skills.set(list(skills))
    return role


# Shifts ---------------------------------------------------------------------------------------


def _check_shift(
    *, starts_at: Any, ends_at: Any, place: Any, capacity: Any
) -> tuple[datetime, datetime, str, int]:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not isinstance(value, datetime):
            raise _error(name, _("Give a date and a time."), "required")
        if timezone.is_naive(value):
            raise _error(name, _("The time must have a time zone."), "naive")
    if ends_at <= starts_at:
        raise _error("ends_at", _("The shift must end after it starts."), "ends_before_start")
    if ends_at - starts_at > timedelta(hours=24):
        raise _error("ends_at", _("A shift lasts at most 24 hours."), "too_long")
    try:
        capacity = int(capacity)
    except (TypeError, ValueError) as exc:
        raise _error("capacity", _("Give the number of places, at least 1."), "invalid") from exc
    if capacity < 1:
        raise _error("capacity", _("A shift needs at least 1 place."), "invalid")
    if capacity > 10_000:
        raise _error("capacity", _("At most 10 000 places."), "invalid")
    return starts_at, ends_at, _text(place, "place", max_length=200), capacity


@transaction.atomic
def shift_create(
    *, role: VolunteerRole, actor: Any, starts_at: datetime, ends_at: datetime, place: str, capacity: int
) -> Shift:
    """The team adds a shift for one of its roles."""
    require(actor, "volunteers.manage_shifts", role.initiative)
    starts_at, ends_at, place, capacity = _check_shift(
        starts_at=starts_at, ends_at=ends_at, place=place, capacity=capacity
    )
    if ends_at < timezone.now():
        raise _error("ends_at", _("This time is already past."), "past")
    return Shift.objects.create(
        hub=role.hub,
        initiative=role.initiative,
        role=role,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        capacity=capacity,
    )


def _lock(shift: Shift) -> Shift:
    return Shift.objects.select_for_update().select_related("hub", "initiative", "role").get(pk=shift.pk)


def _recount(locked: Shift) -> None:
    locked.confirmed_count = Signup.objects.filter(shift=locked, status=Signup.Status.CONFIRMED).count()
    Shift.objects.filter(pk=locked.pk).update(
        confirmed_count=locked.confirmed_count, updated_at=timezone.now()
    )


def _promote(locked: Shift) -> list[Signup]:
    """Move people from the waiting list into free places, in order (shift locked), and tell them."""
    promoted: list[Signup] = []
    if locked.is_cancelled:
        return promoted
    free = locked.capacity - Signup.objects.filter(shift=locked, status=Signup.Status.CONFIRMED).count()
    if free > 0:
        waiting = Signup.objects.filter(shift=locked, status=Signup.Status.WAITING).select_related("user")
        for signup in waiting.order_by("position")[:free]:
            signup.status = Signup.Status.CONFIRMED
            signup.save(update_fields=["status", "updated_at"])
            promoted.append(signup)
    _recount(locked)
    if promoted:
        notify(
            [signup.user for signup in promoted],
            template="volunteers/email/promoted.txt",
            context={"shift": locked, "hub": locked.hub},
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="volunteers",
        )
    return promoted


@transaction.atomic
def shift_update(
    *, shift: Shift, actor: Any, starts_at: datetime, ends_at: datetime, place: str, capacity: int
) -> Shift:
    """Change a shift's time, place or places; more places move people in from the waiting list."""
    require(actor, "volunteers.manage_shifts", shift)
    locked = _lock(shift)
    if locked.is_cancelled:
        raise _error(None, _("This shift is cancelled."), "cancelled")
    starts_at, ends_at, place, capacity = _check_shift(
        starts_at=starts_at, ends_at=ends_at, place=place, capacity=capacity
    )
    confirmed = Signup.objects.filter(shift=locked, status=Signup.Status.CONFIRMED).count()
    if capacity < confirmed:
        raise _error(
            "capacity",
            _("%(count)d volunteers already have a place: the shift needs at least that many places.")
            % {"count": confirmed},
            "below_confirmed",
        )
    locked.starts_at, locked.ends_at, locked.place, locked.capacity = starts_at, ends_at, place, capacity
    locked.save(update_fields=["starts_at", "ends_at", "place", "capacity", "updated_at"])
    _promote(locked)
    return locked


@transaction.atomic
def shift_cancel(*, shift: Shift, actor: Any, reason: str = "") -> Shift:
    """Cancel a shift: everyone signed up or waiting is told; nobody can sign up any more."""
    require(actor, "volunteers.manage_shifts", shift)
    locked = _lock(shift)
    if locked.is_cancelled:
        raise _error(None, _("This shift is already cancelled."), "cancelled")
    reason = _text(reason, "reason", max_length=500, required=False)
    people = [
        signup.user
        for signup in Signup.objects.filter(shift=locked)
        .exclude(status=Signup.Status.CANCELLED)
        .select_related("user")
    ]
    locked.status = Shift.Status.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="volunteers.shift_cancel",
        target=locked,
        reason=reason,
        data={"initiative": locked.initiative.slug, "people": len(people)},
        label=f"{locked.initiative.title}: {locked}",
    )
    notify(
        people,
        template="volunteers/email/shift_cancelled.txt",
        context={"shift": locked, "hub": locked.hub, "reason": reason},
        url=locked.get_absolute_url(),
        hub=locked.hub,
        kind="volunteers",
    )
    return locked


# Signing up -----------------------------------------------------------------------------------


def sign_up(*, shift: Shift, user: Any, waiting_list: bool = False) -> Signup:
    """Take a place on a shift. A full shift is refused (code "full") unless the person asks for
    the waiting list (`waiting_list=True`): then they wait in line for the next free place."""
    require(user, "volunteers.sign_up", shift)
    duplicate = _error(None, _("You are already signed up for this shift."), "duplicate")
    try:
        with transaction.atomic():
            locked = _lock(shift)
            if locked.is_cancelled:
                raise _error(None, _("This shift is cancelled."), "cancelled")
            if locked.starts_at <= timezone.now():
                raise _error(None, _("This shift has already started: you can no longer sign up."), "past")
            existing = Signup.objects.filter(shift=locked, user=user).first()
            if existing is not None and existing.status != Signup.Status.CANCELLED:
                raise duplicate
            confirmed = Signup.objects.filter(shift=locked, status=Signup.Status.CONFIRMED).count()
            someone_waiting = Signup.objects.filter(shift=locked, status=Signup.Status.WAITING).exists()
            has_room = confirmed < locked.capacity and not someone_waiting
            if not has_room and not waiting_list:
                raise _error(
                    None,
                    _("This shift is full. You can join the waiting list and get the next free place."),
                    "full",
                )
            status = Signup.Status.CONFIRMED if has_room else Signup.Status.WAITING
            position = (Signup.objects.filter(shift=locked).aggregate(n=Max("position"))["n"] or 0) + 1
            if existing is not None:
                existing.status, existing.position = status, position
                existing.save(update_fields=["status", "position", "updated_at"])
                signup = existing
            else:
                signup = Signup.objects.create(shift=locked, user=user, status=status, position=position)
            _recount(locked)
            return signup
    except IntegrityError as exc:
        raise duplicate from exc


@transaction.atomic
def cancel_signup(*, shift: Shift, user: Any) -> Signup:
    """Give up one's place (or one's spot on the waiting list); the first waiting moves in."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to do this."))
    locked = _lock(shift)
    signup = Signup.objects.filter(shift=locked, user=user).exclude(status=Signup.Status.CANCELLED).first()
    if signup is None:
        raise _error(None, _("You are not signed up for this shift."), "not_signed_up")
    if locked.starts_at <= timezone.now():
        raise _error(None, _("This shift has already started."), "past")
    signup.status = Signup.Status.CANCELLED
    signup.save(update_fields=["status", "updated_at"])
    _promote(locked)
    return signup


# Messages -------------------------------------------------------------------------------------


@transaction.atomic
def message_volunteers(
    *, shift: Shift, actor: Any, subject: str, text: str, include_waiting: bool = False
) -> int:
    """The team writes to the shift's volunteers (those with a place; also the waiting list if
    asked). Returns how many were told."""
    require(actor, "volunteers.manage_shifts", shift)
    subject = _text(subject, "subject", max_length=150)
    text = _text(text, "text", max_length=5000)
    statuses = [Signup.Status.CONFIRMED] + ([Signup.Status.WAITING] if include_waiting else [])
    people = [s.user for s in Signup.objects.filter(shift=shift, status__in=statuses).select_related("user")]
    if not people:
        raise _error(None, _("Nobody is signed up for this shift yet."), "nobody")
    audit_record(
        hub=shift.hub,
        actor=actor,
        action="volunteers.message",
        target=shift,
        data={"subject": subject, "people": len(people), "waiting": include_waiting},
        label=f"{shift.initiative.title}: {shift}",
    )
    notify(
        people,
        template="volunteers/email/message.txt",
        context={"shift": shift, "hub": shift.hub, "subject": subject, "text": text, "sender": actor},
        url=shift.get_absolute_url(),
        hub=shift.hub,
        kind="volunteers",
    )
    return len(people)


# Hours ----------------------------------------------------------------------------------------


def _hours(value: Any) -> Decimal:
    if value is None or value == "":
        raise _error("hours", _("Enter a number of hours."), "required")
    try:
        hours = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise _error("hours", _("Enter a number of hours, e.g. 4 or 3.5."), "invalid") from exc
    if not hours.is_finite():
        raise _error("hours", _("Enter a number of hours, e.g. 4 or 3.5."), "invalid")
    if hours < 0:
        raise _error("hours", _("Hours cannot be negative."), "negative")
    if hours == 0:
        raise _error("hours", _("Enter more than zero hours."), "zero")
    if hours > MAX_HOURS_PER_DAY:
        raise _error("hours", _("A day has at most 24 hours."), "too_many")
    if hours != hours.quantize(CENT):
        raise _error("hours", _("Hours can have at most two decimals."), "decimals")
    return hours.quantize(CENT)


def _day_total(*, shift: Shift, user: Any) -> Decimal:
    """The hours already logged for `user` on the (hub-local) day of `shift`, other shifts too."""
    zone = shift.hub.zone
    day = timezone.localtime(shift.starts_at, zone).date()
    logs = (
        HoursLog.objects.filter(user=user, shift__hub=shift.hub).exclude(shift=shift).select_related("shift")
    )
    return sum(
        (log.hours for log in logs if timezone.localtime(log.shift.starts_at, zone).date() == day),
        Decimal(0),
    )


def hours_log(*, shift: Shift, actor: Any, volunteer: Any, hours: Any, note: str = "") -> HoursLog:
    """Log hours on a shift: the team for any volunteer with a place (confirmed at once), or a
    volunteer for themselves (waiting for the team's confirmation)."""
    is_team = actor.has_perm("volunteers.manage_shifts", shift)
    if not is_team and (not getattr(actor, "is_authenticated", False) or actor.pk != volunteer.pk):
        raise PermissionDenied(_("You do not have permission to do this."))
    value = _hours(hours)
    note = _text(note, "note", max_length=200, required=False)
    duplicate = _error(None, _("Hours are already logged for this volunteer on this shift."), "duplicate")
    try:
        with transaction.atomic():
            locked = _lock(shift)
            if locked.is_cancelled:
                raise _error(None, _("This shift is cancelled."), "cancelled")
            if locked.starts_at > timezone.now():
                raise _error(None, _("Hours can be logged once the shift has started."), "before_shift")
            if not Signup.objects.filter(
                shift=locked, user=volunteer, status=Signup.Status.CONFIRMED
            ).exists():
                raise _error(
                    None, _("Only volunteers with a place on this shift can have hours logged."), "no_place"
                )
            if HoursLog.objects.filter(shift=locked, user=volunteer).exists():
                raise duplicate
            if _day_total(shift=locked, user=volunteer) + value > MAX_HOURS_PER_DAY:
                raise _error("hours", _("That makes more than 24 hours in one day."), "too_many")
            log = HoursLog.objects.create(
                shift=locked,
                user=volunteer,
                hours=value,
                note=note,
                logged_by=actor,
                status=HoursLog.Status.CONFIRMED if is_team else HoursLog.Status.PROPOSED,
                confirmed_by=actor if is_team else None,
                confirmed_at=timezone.now() if is_team else None,
            )
            if is_team:
                audit_record(
                    hub=locked.hub,
                    actor=actor,
                    action="volunteers.hours_confirm",
                    target=log,
                    data={"hours": str(value), "volunteer": volunteer.pk},
                    label=f"{volunteer}: {value} h, {locked}",
                )
                sync_financing(initiative=locked.initiative, actor=actor)
            return log
    except IntegrityError as exc:
        raise duplicate from exc


@transaction.atomic
def hours_confirm(*, log: HoursLog, actor: Any) -> HoursLog:
    """The team confirms hours a volunteer logged; they count in the financing plan from now."""
    require(actor, "volunteers.manage_shifts", log.shift)
    locked = (
        HoursLog.objects.select_for_update()
        .select_related("shift__hub", "shift__initiative", "user")
        .get(pk=log.pk)
    )
    if locked.status == HoursLog.Status.CONFIRMED:
        raise _error(None, _("These hours are already confirmed."), "confirmed")
    locked.status = HoursLog.Status.CONFIRMED
    locked.confirmed_by = actor
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit_record(
        hub=locked.shift.hub,
        actor=actor,
        action="volunteers.hours_confirm",
        target=locked,
        data={"hours": str(locked.hours), "volunteer": locked.user_id},
        label=f"{locked.user}: {locked.hours} h, {locked.shift}",
    )
    sync_financing(initiative=locked.shift.initiative, actor=actor)
    notify(
        [locked.user],
        template="volunteers/email/hours_confirmed.txt",
        context={"log": locked, "shift": locked.shift, "hub": locked.shift.hub},
        url=locked.shift.get_absolute_url(),
        hub=locked.shift.hub,
        kind="volunteers",
    )
    return locked


def confirmed_hours_total(initiative: Initiative) -> Decimal:
    """The initiative's confirmed volunteer hours, summed in Python (exact decimals)."""
    values = HoursLog.objects.filter(
        shift__initiative=initiative, status=HoursLog.Status.CONFIRMED
    ).values_list("hours", flat=True)
    return sum(values, Decimal(0)).quantize(CENT)


def sync_financing(*, initiative: Initiative, actor: Any) -> FundingSource:
    """Make the initiative's "Volunteer hours (logged)" source carry the confirmed total,
    through the funding services (the budget is created on its first source)."""
    # One writer at a time per initiative: two confirmations at once add up correctly.
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    total = confirmed_hours_total(initiative)
    link = LoggedHoursSource.objects.select_related("source__budget").filter(initiative=initiative).first()
    if link is not None:
        source = link.source
        return funding_services.source_update(
            source=source,
            actor=actor,
            kind=SourceKind.VOLUNTEER_HOURS,
            description=source.description,
            planned_hours=max(source.planned_hours or Decimal(0), total),
            actual_hours=total,
        )
    budget = funding_selectors.budget_for(hub=initiative.hub, initiative=initiative)
    language = (initiative.hub.languages or ["en"])[0]
    with translation.override(language):
        description = _("Volunteer hours (logged)")
    source = funding_services.source_add(
        budget=budget,
        actor=actor,
        kind=SourceKind.VOLUNTEER_HOURS,
        description=description,
        planned_hours=total,
        actual_hours=total,
    )
    LoggedHoursSource.objects.create(initiative=initiative, source=source)
    return source


# Calendar -------------------------------------------------------------------------------------


def calendar_feed(*, user: Any) -> CalendarFeed:
    """The person's calendar address (made on first use)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to do this."))
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user: Any) -> CalendarFeed:
    """A new address; the old one stops working (for a feed shared by mistake)."""
    feed = calendar_feed(user=user)
    from .models import new_feed_key

    feed.key = new_feed_key()
    feed.save(update_fields=["key"])
    return feed
