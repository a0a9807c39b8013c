"""Reads for the follow-up pages and the API. Every list costs a fixed number of queries."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import Competence, User
from apps.followup.models import Meeting, Task
from apps.hubs.models import ApplicationStatus, Hub, Membership, Partnership
from apps.hubs.rules import prime_memberships
from apps.initiatives.models import Initiative
from apps.initiatives.selectors import prime_team_ids, team_user_ids

QUEUE_LIMIT = 100


@dataclass
class FollowupQueue:
    new_ideas: list[Initiative]
    upcoming: list[Meeting]
    missing_minutes: list[Meeting]


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("hub", "initiative", "initiative__hub").annotate(
        participant_count=Count("participants", distinct=True),
        action_point_count=Count("action_points", distinct=True),
    )


def followup_queue(*, hub: Hub, now: datetime | None = None) -> FollowupQueue:
    """New ideas without a clarification meeting, meetings to come, and past meetings without
    minutes (three queries)."""
    now = now or timezone.now()
    clarified = Meeting.objects.filter(initiative=OuterRef("pk"), kind=Meeting.Kind.CLARIFICATION)
    ideas = (
        Initiative.objects.filter(hub=hub, status=Initiative.Status.IDEA)
        .exclude(Exists(clarified))
        .select_related("owner", "hub")
        .order_by("created_at", "pk")[:QUEUE_LIMIT]
    )
    upcoming = _meetings().filter(hub=hub, scheduled_at__gte=now).order_by("scheduled_at", "pk")[:QUEUE_LIMIT]
    missing = (
        _meetings()
        .filter(hub=hub, scheduled_at__lt=now, minutes_recorded_at__isnull=True)
        .order_by("scheduled_at", "pk")[:QUEUE_LIMIT]
    )
    return FollowupQueue(new_ideas=list(ideas), upcoming=list(upcoming), missing_minutes=list(missing))


def initiative_get(*, hub: Hub, slug: str) -> Initiative:
    return get_object_or_404(Initiative.objects.select_related("owner", "hub"), hub=hub, slug=slug)


def meetings_for(*, initiative: Initiative) -> QuerySet[Meeting]:
    return _meetings().filter(initiative=initiative).order_by("scheduled_at", "pk")


def meeting_get(*, hub: Hub, pk: int) -> Meeting:
    """A meeting of this hub (or 404), with what its page shows."""
    return get_object_or_404(
        Meeting.objects.select_related(
            "hub", "initiative", "initiative__owner", "initiative__hub", "minutes_recorded_by"
        ).prefetch_related(Prefetch("participants", queryset=User.objects.order_by("name", "email"))),
        hub=hub,
        pk=pk,
    )


def _tasks() -> QuerySet[Task]:
    return Task.objects.select_related(
        "hub", "initiative", "initiative__hub", "meeting", "assignee", "created_by"
    )


def _open_first(qs: QuerySet[Task]) -> QuerySet[Task]:
    return qs.annotate(
        closed=Case(
            When(status__in=Task.OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("closed", "due_on", "pk")


def action_points(*, meeting: Meeting) -> QuerySet[Task]:
    return _open_first(_tasks().filter(meeting=meeting))


def tasks_for_initiative(*, initiative: Initiative, open_only: bool = False) -> QuerySet[Task]:
    qs = _tasks().filter(initiative=initiative)
    if open_only:
        qs = qs.filter(status__in=Task.OPEN_STATUSES)
    return _open_first(qs)


def tasks_for_user(*, user: Any, status: str = "") -> QuerySet[Task]:
    """A person's tasks in every hub: open ones first, soonest due first."""
    qs = _tasks().filter(assignee_id=user.pk)
    if status in Task.Status.values:
        qs = qs.filter(status=status)
    elif status == "active":
        qs = qs.filter(status__in=Task.OPEN_STATUSES)
    return _open_first(qs)


def prime_task_permissions(*, user: Any, tasks: list[Task]) -> list[Task]:
    """Fill the per-request caches the task rules read (the user's memberships of the tasks'
    hubs, the initiatives' teams) in two queries, so a list of tasks with a form per row costs
    the same however long it is."""
    if not getattr(user, "is_authenticated", False) or not tasks:
        return tasks
    prime_memberships(user, {t.hub_id for t in tasks})
    prime_team_ids([t.initiative for t in tasks if t.initiative is not None])
    return tasks


def task_get(*, hub: Hub, pk: int) -> Task:
    return get_object_or_404(_tasks(), hub=hub, pk=pk)


def assignable_users(*, hub: Hub, initiative: Initiative | None = None) -> QuerySet[User]:
    """Who can be given a task (or invited to a meeting): approved members of the hub and the
    initiative's team."""
    condition = Q(memberships__hub=hub, memberships__status=ApplicationStatus.APPROVED)
    if initiative is not None:
        condition |= Q(pk__in=team_user_ids(initiative))
    return User.objects.filter(condition, is_active=True).distinct().order_by("name", "email")


# Matching ------------------------------------------------------------------------------

STOPWORDS = frozenset(
    {
        "about",
        "after",
        "alla",
        "alle",
        "also",
        "and",
        "are",
        "att",
        "den",
        "der",
        "det",
        "efter",
        "eller",
        "ett",
        "etter",
        "for",
        "fra",
        "from",
        "från",
        "för",
        "har",
        "has",
        "have",
        "ikke",
        "inn",
        "inte",
        "into",
        "kan",
        "med",
        "men",
        "more",
        "mot",
        "new",
        "not",
        "når",
        "och",
        "också",
        "og",
        "også",
        "our",
        "over",
        "ska",
        "skal",
        "som",
        "than",
        "that",
        "the",
        "their",
        "this",
        "til",
        "till",
        "under",
        "ved",
        "vil",
        "vill",
        "vår",
        "våre",
        "will",
        "with",
        "your",
    }
)


def initiative_words(initiative: Initiative) -> list[str]:
    """The words in an initiative's title and summary worth matching on (4+ letters, no stopwords)."""
    text = f"{initiative.title} {initiative.summary}".lower()
    words: list[str] = []
    for word in re.findall(r"\w+", text):
        if len(word) >= 4 and not word.isdigit() and word not in STOPWORDS and word not in words:
            words.append(word)
    return words[:12]


@dataclass
class Matches:
    words: list[str]
    members: list[Membership] = field(default_factory=list)
    partners: list[Partnership] = field(default_factory=list)


def _score(texts: list[str], words: list[str]) -> list[str]:
    haystack = " ".join(texts).lower()
    return [w for w in words if w in haystack]


def match_suggestions(initiative: Initiative, limit: int = 10) -> Matches:
    """Members and partners who might help an idea: members of the hub with a public profile
    whose competences, headline or interests contain words from the initiative's title or
    summary, and approved partners whose name, description or contribution do. Best matches
    first. Three queries (members, their competences, partners)."""
    words = initiative_words(initiative)
    matches = Matches(words=words)
    if not words:
        return matches
    member_q = Q()
    partner_q = Q()
    for w in words:
        member_q |= (
            Q(user__profile__competences__name_en__icontains=w)
            | Q(user__profile__competences__name_nb__icontains=w)
            | Q(user__profile__competences__name_sv__icontains=w)
            | Q(user__profile__interests__icontains=w)
            | Q(user__profile__headline__icontains=w)
        )
        partner_q |= (
            Q(organisation__name__icontains=w)
            | Q(organisation__description__icontains=w)
            | Q(contribution__icontains=w)
        )
    candidates = (
        Membership.objects.filter(
            hub_id=initiative.hub_id,
            status=ApplicationStatus.APPROVED,
            user__profile__consent_public_profile=True,
            user__is_active=True,
            pk__in=Membership.objects.filter(member_q).values("pk"),
        )
        .exclude(user_id=initiative.owner_id)
        .select_related("user", "user__profile")
        .prefetch_related(
            Prefetch("user__profile__competences", queryset=Competence.objects.order_by("slug"))
        )
        .order_by("user__name", "pk")[: limit * 5]
    )
    scored = []
    for membership in candidates:
        profile = membership.user.profile
        texts = [profile.headline, profile.interests]
        for c in profile.competences.all():
            texts += [c.name_en, c.name_nb, c.name_sv]
        membership.matched_words = _score(texts, words)  # type: ignore[attr-defined]
        scored.append(membership)
    scored.sort(key=lambda m: -len(m.matched_words))  # type: ignore[attr-defined]
    matches.members = scored[:limit]
    partners = list(
        Partnership.objects.filter(
            hub_id=initiative.hub_id,
            status=ApplicationStatus.APPROVED,
            pk__in=Partnership.objects.filter(partner_q).values("pk"),
        )
        .select_related("organisation")
        .order_by("organisation__name")[: limit * 5]
    )
    for partnership in partners:
        org = partnership.organisation
        partnership.matched_words = _score(  # type: ignore[attr-defined]
            [org.name, org.description, partnership.contribution], words
        )
    partners.sort(key=lambda p: -len(p.matched_words))  # type: ignore[attr-defined]
    matches.partners = partners[:limit]
    return matches
