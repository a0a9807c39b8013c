"""API for events, under /api/v1/: a hub's events as JSON (paginated) and as an iCalendar feed."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.events import ical, selectors
from apps.events.models import Event
from apps.hubs.selectors import hub_get
from apps.participation.spaces import space_from_key

router = Router(tags=["events"])


class EventFilter(Schema):
    when: str = "upcoming"
    space: str | None = None


class EventOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    location: str
    lon: float | None
    lat: float | None
    capacity: int | None
    registration_open: bool
    confirmed: int
    waiting: int
    space: str
    url: str
    ics: str

    @staticmethod
    def resolve_confirmed(obj: Event) -> int:
        return obj.confirmed_count  # type: ignore[attr-defined]

    @staticmethod
    def resolve_waiting(obj: Event) -> int:
        return obj.waiting_count  # type: ignore[attr-defined]

    @staticmethod
    def resolve_space(obj: Event) -> str:
        return obj.space.key

    @staticmethod
    def resolve_url(obj: Event) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_ics(obj: Event) -> str:
        return f"{obj.get_absolute_url().rstrip('/')}.ics"


@router.get(
    "/hubs/{hub_slug}/events",
    response=answers(list[EventOut], NOT_FOUND, INVALID),
)
@paginate(LimitOffsetPagination)
def list_events(request: HttpRequest, hub_slug: str, filters: Query[EventFilter]):  # type: ignore[no-untyped-def]
    """A hub's events: `when=upcoming` (default, soonest first) or `when=past` (latest first);
    `space=hub|i-<initiative>|a-<area>` for one space."""
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, filters.space) if filters.space else None
    return selectors.events(hub=hub, space=space, when="past" if filters.when == "past" else "upcoming")


@router.get("/hubs/{hub_slug}/events.ics", response=answers(None, NOT_FOUND), include_in_schema=True)
def get_events_ical(request: HttpRequest, hub_slug: str, space: str | None = None) -> HttpResponse:
    """The hub's events as an iCalendar (RFC 5545) feed, the same as /<hub>/events/calendar.ics."""
    hub = hub_get(slug=hub_slug)
    scope = space_from_key(hub, space) if space else None
    return ical.calendar_response(
        selectors.feed_events(hub=hub, space=scope), name=hub.name, filename=f"{hub.slug}-events.ics"
    )
