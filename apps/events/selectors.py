"""Reads for event pages, feeds, the initiative panel and the API, in a fixed number of queries."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.events.models import ActionPoint, Event, Registration
from apps.hubs.models import Hub
from apps.participation.spaces import Space

FEED_PAST_DAYS = 365


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("hub", "initiative", "area", "organiser").annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def events(*, hub: Hub, space: Space | None = None, when: str = "upcoming") -> QuerySet[Event]:
    """A hub's (or one space's) events: upcoming (not yet ended, soonest first) or past (most
    recent first), each with its numbers of confirmed and waiting people."""
    qs = Event.objects.filter(hub=hub) if space is None else Event.objects.filter(**space.filter())
    now = timezone.now()
    if when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return _with_counts(qs)


def feed_events(*, hub: Hub, space: Space | None = None) -> QuerySet[Event]:
    """What a calendar feed carries: everything coming, and the past year."""
    qs = Event.objects.filter(hub=hub) if space is None else Event.objects.filter(**space.filter())
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return (
        qs.filter(ends_at__gte=since).select_related("hub", "initiative", "area").order_by("starts_at", "pk")
    )


def event_get(*, hub: Hub, pk: int) -> Event:
    return get_object_or_404(_with_counts(Event.objects.filter(hub=hub)), pk=pk)


def registration_for(*, event: Event, user: Any) -> Registration | None:
    """The user's registration (not cancelled) with `waiting_place`: 1 for the first on the list."""
    if not getattr(user, "is_authenticated", False):
        return None
    registration = (
        Registration.objects.filter(event=event, user_id=user.pk)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is not None and registration.status == Registration.Status.WAITING:
        registration.waiting_place = (  # type: ignore[attr-defined]
            Registration.objects.filter(
                event=event, status=Registration.Status.WAITING, position__lte=registration.position
            ).count()
        )
    return registration


def attendees(*, event: Event) -> QuerySet[Registration]:
    """Everyone signed up, confirmed first, then the waiting list in order."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "position")  # "confirmed" sorts before "waiting"
    )


def action_points(*, event: Event) -> QuerySet[ActionPoint]:
    return ActionPoint.objects.filter(event=event).select_related("assignee")


def upcoming_for_space(*, space: Space, user: Any, limit: int = 3) -> list[Event]:
    """The next few events of a space with the user's own registration on each (two queries)."""
    items = list(events(hub=space.hub, space=space, when="upcoming")[:limit])
    mine: dict[int, Registration] = {}
    if getattr(user, "is_authenticated", False) and items:
        mine = {
            r.event_id: r
            for r in Registration.objects.filter(event__in=items, user_id=user.pk).exclude(
                status=Registration.Status.CANCELLED
            )
        }
    for event in items:
        event.my_registration = mine.get(event.pk)  # type: ignore[attr-defined]
    return items


def events_in_area(*, area: Any) -> list[Event]:
    """Events in `area` or an area below it: by their point (bbox in SQL, then shapely), in the
    area's space or one below it, or of an initiative there. Latest first; one query."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.places.selectors import area_scope

    scope = area_scope(area)
    initiative_ids = {i.pk for i in initiatives_in_area(area=area)}
    candidates = (
        Event.objects.filter(hub_id=area.hub_id)
        .filter(Q(area_id__in=scope.area_ids) | Q(initiative_id__in=initiative_ids) | scope.bbox_q())
        .select_related("hub")
        .order_by("-starts_at", "-pk")
    )
    return [
        e
        for e in candidates
        if e.initiative_id in initiative_ids or scope.holds(area_id=e.area_id, lon=e.lon, lat=e.lat)
    ]
