"""What is searchable, kind by kind: one indexer per kind, registered here explicitly.

An indexer turns one object of its model into the search documents it stands for (none when it
is not to be found at all: a member who did not consent to a public profile), names the keys
(hub, object id) it may have been indexed under (so a change can take a document away), and
lists the other models whose change changes its documents (`dependents`: a profile's consent
changes the member's documents). `apps.search.services` keeps the documents current from
these; `rebuild` makes them afresh in bulk.

Whether a document is public follows each app's own rules: a hidden idea and an unpublished
library entry are indexed as not public (found only by the hub's leads and the author); a
member without consent is not indexed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.models import Profile, User
from apps.events.models import Event
from apps.goals.models import HubGoal
from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.initiatives.models import Initiative
from apps.library.models import Entry
from apps.library.models import Status as EntryStatus
from apps.participation.models import Idea
from apps.places.models import Area
from apps.search.models import Kind

# Private-use characters that mark a match in a highlight; never part of indexed text.
MARK_START = "\ue000"
MARK_END = "\ue001"
_STRIP = str.maketrans({MARK_START: None, MARK_END: None})


@dataclass(frozen=True)
class Doc:
    hub_id: int
    kind: str
    object_id: int
    language: str
    title: str
    body: str
    url: str
    public: bool
    owner_id: int | None
    updated: datetime


def clean(*parts: Any) -> str:
    """The text of a document: its non-empty parts, one a line, without the highlight marks."""
    return "\n".join(str(p) for p in parts if p).translate(_STRIP)


def hub_language(hub: Hub) -> str:
    languages = hub.languages or []
    return str(languages[0]) if languages else "en"


@dataclass
class Indexer:
    kind: str
    model: type[models.Model]
    queryset: Callable[[], QuerySet[Any]]
    documents: Callable[[Any], list[Doc]]
    keys: Callable[[Any], list[tuple[int, int]]]
    # model -> the indexed objects a change to one of its objects touches
    dependents: dict[type[models.Model], Callable[[Any], Iterable[Any]]] = field(default_factory=dict)
    hub_field: str = "hub_id"


def _simple_key(obj: Any) -> list[tuple[int, int]]:
    return [(obj.hub_id, obj.pk)]


def _initiative(obj: Initiative) -> list[Doc]:
    return [
        Doc(
            obj.hub_id,
            Kind.INITIATIVE,
            obj.pk,
            hub_language(obj.hub),
            clean(obj.title),
            clean(obj.summary, obj.description),
            obj.get_absolute_url(),
            True,
            obj.owner_id,
            obj.updated_at or timezone.now(),
        )
    ]


def _idea(obj: Idea) -> list[Doc]:
    return [
        Doc(
            obj.hub_id,
            Kind.IDEA,
            obj.pk,
            hub_language(obj.hub),
            clean(obj.title),
            clean(obj.body),
            obj.get_absolute_url(),
            not obj.is_hidden,
            obj.author_id,
            obj.hidden_at or obj.created,
        )
    ]


def _area(obj: Area) -> list[Doc]:
    return [
        Doc(
            obj.hub_id,
            Kind.AREA,
            obj.pk,
            hub_language(obj.hub),
            clean(obj.name),
            clean(obj.level.name, obj.code),
            f"/{obj.hub.slug}/areas/{obj.code}/",
            True,
            None,
            obj.hub.created_at,
        )
    ]


def _goal(obj: HubGoal) -> list[Doc]:
    return [
        Doc(
            obj.hub_id,
            Kind.GOAL,
            obj.pk,
            hub_language(obj.hub),
            clean(obj.title),
            clean(obj.code, obj.description),
            obj.get_absolute_url(),
            True,
            None,
            obj.created_at or timezone.now(),
        )
    ]


def _event(obj: Event) -> list[Doc]:
    # Events have no draft state: every event of a hub is on its public calendar.
    return [
        Doc(
            obj.hub_id,
            Kind.EVENT,
            obj.pk,
            hub_language(obj.hub),
            clean(obj.title),
            clean(obj.description, obj.location),
            obj.get_absolute_url(),
            True,
            obj.organiser_id,
            obj.updated_at or timezone.now(),
        )
    ]


def _member(obj: Membership) -> list[Doc]:
    if obj.status != ApplicationStatus.APPROVED or not obj.user.has_public_profile:
        return []
    profile = obj.user.profile
    return [
        Doc(
            obj.hub_id,
            Kind.MEMBER,
            obj.user_id,
            hub_language(obj.hub),
            clean(obj.user.display_name),
            clean(profile.headline, profile.place, profile.interests),
            f"/{obj.hub.slug}/members/{obj.user_id}/",
            True,
            obj.user_id,
            profile.updated_at or timezone.now(),
        )
    ]


def _member_key(obj: Membership) -> list[tuple[int, int]]:
    return [(obj.hub_id, obj.user_id)]


def _library(obj: Entry) -> list[Doc]:
    return [
        Doc(
            obj.hub_id,
            Kind.LIBRARY,
            obj.pk,
            obj.language or hub_language(obj.hub),
            clean(obj.title),
            clean(obj.summary, obj.body, obj.tags),
            obj.get_absolute_url(),
            obj.status == EntryStatus.PUBLISHED,
            obj.author_id,
            obj.updated_at,
        )
    ]


INDEXERS: list[Indexer] = [
    Indexer(
        Kind.INITIATIVE,
        Initiative,
        lambda: Initiative.objects.select_related("hub"),
        _initiative,
        _simple_key,
    ),
    Indexer(
        Kind.IDEA,
        Idea,
        lambda: Idea.objects.select_related("hub", "initiative", "area"),
        _idea,
        _simple_key,
    ),
    Indexer(Kind.AREA, Area, lambda: Area.objects.select_related("hub", "level"), _area, _simple_key),
    Indexer(Kind.GOAL, HubGoal, lambda: HubGoal.objects.select_related("hub"), _goal, _simple_key),
    Indexer(Kind.EVENT, Event, lambda: Event.objects.select_related("hub"), _event, _simple_key),
    Indexer(
        Kind.MEMBER,
        Membership,
        lambda: Membership.objects.filter(
            status=ApplicationStatus.APPROVED, user__profile__consent_public_profile=True
        ).select_related("hub", "user__profile"),
        _member,
        _member_key,
        dependents={
            Profile: lambda profile: Membership.objects.filter(user_id=profile.user_id).select_related(
                "hub", "user__profile"
            ),
            User: lambda user: Membership.objects.filter(user_id=user.pk).select_related(
                "hub", "user__profile"
            ),
        },
    ),
    Indexer(Kind.LIBRARY, Entry, lambda: Entry.objects.select_related("hub"), _library, _simple_key),
]

BY_KIND = {indexer.kind: indexer for indexer in INDEXERS}
