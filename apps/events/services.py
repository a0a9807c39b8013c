"""Every change to events: create and edit, register and cancel (capacity and waiting list),
minutes and action points. Keyword-only; each checks permission, writes in one transaction
and notifies only after commit. Errors are `ValidationError`s with a code, or `PermissionDenied`.

Capacity under load: registering and cancelling lock the event row (`select_for_update`; on
SQLite every write transaction starts IMMEDIATE, which serialises them just the same), count
the confirmed places again inside the lock, and only then confirm or put on the waiting list.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.dates import check_window
from apps.core.permissions import require
from apps.events.models import ActionPoint, Event, Registration
from apps.followup import services as followup_services
from apps.followup.models import Task
from apps.hubs.models import ApplicationStatus, Membership
from apps.notifications.services import notify
from apps.participation.spaces import Space
from apps.places.bounds import check_in_hub

EDITABLE = {
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "location",
    "lon",
    "lat",
    "capacity",
    "registration_open",
}


def _error(field: str | None, message: str, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


# An event is planned at most ten years ahead and recorded at most two years back; it lasts at
# most a year.
PAST_DAYS = 2 * 366
FUTURE_DAYS = 10 * 366
LONGEST = timedelta(days=366)


def _validate(event: Event, *, dates_changed: bool = True, places_changed: bool = True) -> None:
    if not event.title.strip():
        raise _error("title", _("Give the event a title."), "required")
    if event.kind not in Event.Kind.values:
        raise _error("kind", _("Choose a kind of event."), "invalid")
    for name in ("starts_at", "ends_at"):
        value = getattr(event, name)
        if not isinstance(value, datetime):
            raise _error(name, _("Give a date and a time."), "required")
        if timezone.is_naive(value):
            raise _error(name, _("The time must have a time zone."), "naive")
    if event.ends_at < event.starts_at:
        raise _error("ends_at", _("The event cannot end before it starts."), "ends_before_start")
    if dates_changed:
        check_window(event.starts_at, field="starts_at", past_days=PAST_DAYS, future_days=FUTURE_DAYS)
        if event.ends_at - event.starts_at > LONGEST:
            raise _error("ends_at", _("An event can last at most a year."), "too_long")
    if (event.lon is None) != (event.lat is None):
        raise _error("lat", _("Give both longitude and latitude, or neither."), "incomplete_point")
    if event.lon is not None and not (-180 <= event.lon <= 180 and -90 <= event.lat <= 90):  # type: ignore[operator]
        raise _error("lat", _("The coordinates are outside the map."), "invalid_point")
    if event.lon is not None and event.lat is not None and places_changed:
        check_in_hub(event.hub, lon=event.lon, lat=event.lat, field="lat")
    if event.capacity is not None and event.capacity < 1:
        raise _error("capacity", _("The capacity must be at least 1, or empty for no limit."), "invalid")


@transaction.atomic
def event_create(*, space: Space, actor: Any, **fields: Any) -> Event:
    """An organiser puts an event in a space's calendar."""
    require(actor, "events.add_event", space)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    event = Event(organiser=actor, **fields)
    event.set_space(space)
    event.title = (event.title or "").strip()
    _validate(event)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, actor: Any, **fields: Any) -> Event:
    """Change an event. A larger capacity confirms people from the waiting list."""
    require(actor, "events.change_event", event)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = Event.objects.select_for_update().select_related("hub").get(pk=event.pk)
    before = (locked.starts_at, locked.ends_at)
    place_before = (locked.lon, locked.lat)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.title = (locked.title or "").strip()
    _validate(
        locked,
        dates_changed=(locked.starts_at, locked.ends_at) != before,
        places_changed=(locked.lon, locked.lat) != place_before,
    )
    locked.full_clean()
    locked.save()
    _promote(locked)
    return locked


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


def _promote(event: Event) -> list[Registration]:
    """Confirm people from the waiting list, in order, while there is room (event locked)."""
    promoted: list[Registration] = []
    confirmed = _confirmed_count(event)
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING).select_related(
        "user"
    )
    for registration in waiting.order_by("position"):
        if event.capacity is not None and confirmed >= event.capacity:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        confirmed += 1
        promoted.append(registration)
    for registration in promoted:
        notify(
            [registration.user],
            template="events/email/promoted.txt",
            context={"event": event, "hub": event.hub},
            url=event.get_absolute_url(),
            hub=event.hub,
            kind="event",
        )
    return promoted


def register(*, event: Event, user: Any) -> Registration:
    """Sign up for an event: a confirmed place while there is room, else the waiting list."""
    require(user, "events.register", event)
    duplicate = _error(None, _("You are already signed up for this event."), "duplicate")
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if not locked.registration_open:
                raise _error(None, _("Registration for this event is closed."), "closed")
            if locked.ends_at < timezone.now():
                raise _error(None, _("This event is over."), "past")
            existing = Registration.objects.filter(event=locked, user=user).first()
            if existing is not None and existing.status != Registration.Status.CANCELLED:
                raise duplicate
            has_room = locked.capacity is None or (
                _confirmed_count(locked) < locked.capacity
                and not Registration.objects.filter(event=locked, status=Registration.Status.WAITING).exists()
            )
            status = Registration.Status.CONFIRMED if has_room else Registration.Status.WAITING
            position = (Registration.objects.filter(event=locked).aggregate(n=Max("position"))["n"] or 0) + 1
            if existing is not None:
                existing.status, existing.position = status, position
                existing.save(update_fields=["status", "position", "updated_at"])
                return existing
            return Registration.objects.create(event=locked, user=user, status=status, position=position)
    except IntegrityError as exc:
        raise duplicate from exc


@transaction.atomic
def cancel(*, event: Event, user: Any) -> Registration:
    """Give up one's place; the first person on the waiting list gets it (and is told)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to do this."))
    locked = Event.objects.select_for_update().select_related("hub").get(pk=event.pk)
    registration = (
        Registration.objects.filter(event=locked, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise _error(None, _("You are not signed up for this event."), "not_registered")
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    _promote(locked)
    return registration


@transaction.atomic
def minutes_record(*, event: Event, actor: Any, minutes: str) -> Event:
    """After the event, the organisers write down what happened."""
    require(actor, "events.record_minutes", event)
    if event.starts_at > timezone.now():
        raise _error("minutes", _("Minutes can be written once the event has started."), "not_started")
    minutes = (minutes or "").replace("\r\n", "\n").strip()
    if len(minutes) > 50000:
        raise _error("minutes", _("The minutes can be at most 50000 characters."), "max_length")
    locked = Event.objects.select_for_update().get(pk=event.pk)
    locked.minutes = minutes
    locked.minutes_updated_at = timezone.now()
    locked.save(update_fields=["minutes", "minutes_updated_at", "updated_at"])
    return locked


def _followup_task(*, event: Event, actor: Any, title: str, assignee: Any, due_on: date | None) -> Task:
    """The action point as a follow-up task, through the follow-up app's own service."""
    return followup_services.task_create(
        hub=event.hub,
        initiative=event.initiative,
        actor=actor,
        title=title,
        assignee=assignee,
        due_on=due_on,
        description=_("From the event %(title)s") % {"title": event.title},
    )


@transaction.atomic
def action_point_add(
    *, event: Event, actor: Any, title: str, assignee: Any = None, due_on: date | None = None
) -> ActionPoint:
    """Record an action point from the event; it becomes a follow-up task for the assignee,
    who must be a member of the hub."""
    require(actor, "events.record_minutes", event)
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Say what is to be done."), "required")
    if (
        assignee is not None
        and not Membership.objects.filter(
            hub_id=event.hub_id, user_id=assignee.pk, status=ApplicationStatus.APPROVED
        ).exists()
    ):
        raise _error("assignee", _("The person responsible must be a member of the hub."), "not_member")
    task = None
    if assignee is not None:  # a follow-up task always has someone responsible
        task = _followup_task(event=event, actor=actor, title=title[:200], assignee=assignee, due_on=due_on)
    return ActionPoint.objects.create(
        event=event,
        title=title[:200],
        assignee=assignee,
        due_on=due_on,
        created_by=actor,
        task_id=task.pk if task is not None else None,
    )
