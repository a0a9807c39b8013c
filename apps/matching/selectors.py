"""Reads for matchmaking: needs, suggestions with their reasons, introductions.

Only approved members of the hub who consented to a public profile are ever suggested
(`apps.hubs.selectors.public_members`), and only approved partner organisations of the hub
(`apps.hubs.selectors.partners`). The scoring itself is in `apps.matching.scoring`.

The index of a hub's initiatives (for "suggested for you") is kept in this process and rebuilt
when the hub's initiatives, needs or goal tags change (a fingerprint of three aggregate queries);
the members are read afresh every time, so a withdrawn consent counts at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.models import Competence
from apps.goals.models import GoalTag
from apps.hubs.models import Hub, Partnership
from apps.hubs.selectors import partners as hub_partners
from apps.hubs.selectors import public_members
from apps.initiatives.models import Follow, Initiative, TeamMember
from apps.initiatives.selectors import team_user_ids
from apps.matching.models import Introduction, Need
from apps.matching.scoring import Item, Match, MatchIndex, normalise, places_in
from apps.places.models import Area

SUGGESTION_LIMIT = 10
CLOSED_STATUSES = (Initiative.Status.COMPLETED, Initiative.Status.STOPPED)


@dataclass
class Reason:
    competences: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    """One suggested thing (an Initiative, a User or an Organisation) with its score and why."""

    obj: Any
    score: float
    reason: Reason
    extra: Any = None


@dataclass
class HubIndex:
    fingerprint: tuple[Any, ...]
    index: MatchIndex
    initiatives: dict[int, Initiative]
    goals_of: dict[int, frozenset[str]]
    goal_objects: dict[str, Any]
    places: dict[str, str]  # normalised → as written
    competences: dict[int, Competence]


_INDEXES: dict[int, HubIndex] = {}
_LOCK = threading.Lock()


def forget_indexes(hub: Hub | None = None) -> None:
    """Drop the kept index of one hub (or all): services call it after changing needs."""
    with _LOCK:
        if hub is None:
            _INDEXES.clear()
        else:
            _INDEXES.pop(hub.pk, None)


def needs(*, initiative: Initiative) -> list[Need]:
    return list(Need.objects.filter(initiative=initiative).select_related("competence"))


def need_get(*, initiative: Initiative, pk: int) -> Need:
    return get_object_or_404(
        Need.objects.select_related("competence", "initiative"), initiative=initiative, pk=pk
    )


def _goal_key(tag: GoalTag) -> tuple[str, Any] | None:
    if tag.hub_goal_id is not None:
        return f"hub:{tag.hub_goal_id}", tag.hub_goal
    if tag.local_target_id is not None:
        assert tag.local_target is not None
        return f"hub:{tag.local_target.hub_goal_id}", tag.local_target.hub_goal
    if tag.sdg_goal_id is not None:
        return f"sdg:{tag.sdg_goal_id}", tag.sdg_goal
    if tag.sdg_target_id is not None:
        assert tag.sdg_target is not None
        return f"sdg:{tag.sdg_target.goal_id}", tag.sdg_target.goal
    return None


def _fingerprint(hub: Hub) -> tuple[Any, ...]:
    initiative_type = ContentType.objects.get_for_model(Initiative)
    a = Initiative.objects.filter(hub=hub).aggregate(n=Count("pk"), m=Max("updated_at"), p=Max("pk"))
    b = Need.objects.filter(initiative__hub=hub).aggregate(n=Count("pk"), p=Max("pk"))
    c = GoalTag.objects.filter(hub=hub, content_type=initiative_type).aggregate(n=Count("pk"), p=Max("pk"))
    return (a["n"], a["m"], a["p"], b["n"], b["p"], c["n"], c["p"])


def _known_places(hub: Hub) -> dict[str, str]:
    """Place names the hub knows: its areas' names and the places its members wrote."""
    names: dict[str, str] = {}
    for name in Area.objects.filter(hub=hub).values_list("name", flat=True):
        names.setdefault(normalise(name), name)
    written = (
        public_members(hub=hub)
        .order_by()
        .exclude(user__profile__place="")
        .values_list("user__profile__place", flat=True)
        .distinct()
    )
    for place in written:
        for part in place.split(","):
            if len(part.strip()) >= 3:
                names.setdefault(normalise(part), part.strip())
    return names


def _initiative_text(initiative: Initiative, its_needs: list[Need]) -> str:
    return " ".join(
        [initiative.title, initiative.summary, initiative.description, *(need.text for need in its_needs)]
    )


def hub_index(hub: Hub) -> HubIndex:
    """The hub's open initiatives as a MatchIndex, kept while nothing changes."""
    fingerprint = _fingerprint(hub)
    kept = _INDEXES.get(hub.pk)
    if kept is not None and kept.fingerprint == fingerprint:
        return kept
    initiative_type = ContentType.objects.get_for_model(Initiative)
    initiatives = {
        i.pk: i
        for i in Initiative.objects.filter(hub=hub)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("area")
        .order_by("pk")
    }
    by_initiative: dict[int, list[Need]] = {}
    for need in Need.objects.filter(initiative__hub=hub).select_related("competence").order_by("pk"):
        by_initiative.setdefault(need.initiative_id, []).append(need)
    goals_of: dict[int, set[str]] = {}
    goal_objects: dict[str, Any] = {}
    tags = GoalTag.objects.filter(hub=hub, content_type=initiative_type).select_related(
        "hub_goal", "sdg_goal", "local_target__hub_goal", "sdg_target__goal"
    )
    for tag in tags:
        found = _goal_key(tag)
        if found is not None:
            goals_of.setdefault(tag.object_id, set()).add(found[0])
            goal_objects[found[0]] = found[1]
    places = _known_places(hub)
    competences = {c.pk: c for c in Competence.objects.all()}
    items = []
    for pk, initiative in initiatives.items():
        its_needs = by_initiative.get(pk, [])
        named = places_in(f"{initiative.title} {initiative.summary}", places)
        if initiative.area is not None:
            places.setdefault(normalise(initiative.area.name), initiative.area.name)
            named = named | {normalise(initiative.area.name)}
        items.append(
            Item(
                key=pk,
                competences=frozenset(n.competence_id for n in its_needs if n.competence_id is not None),
                places=named,
                goals=frozenset(goals_of.get(pk, ())),
                text=_initiative_text(initiative, its_needs),
            )
        )
    built = HubIndex(
        fingerprint=fingerprint,
        index=MatchIndex(items),
        initiatives=initiatives,
        goals_of={k: frozenset(v) for k, v in goals_of.items()},
        goal_objects=goal_objects,
        places=places,
        competences=competences,
    )
    with _LOCK:
        _INDEXES[hub.pk] = built
    return built


def _reason(match: Match, kept: HubIndex) -> Reason:
    r = match.reasons
    return Reason(
        competences=[kept.competences[c].name for c in r.competences if c in kept.competences],
        places=[kept.places.get(p, p) for p in r.places],
        goals=[str(kept.goal_objects[g]) for g in r.goals if g in kept.goal_objects],
        words=list(r.words),
    )


def _profile_text(profile: Any) -> str:
    return f"{profile.headline} {profile.interests}"


def member_item(*, hub: Hub, user: Any, kept: HubIndex) -> tuple[Item, set[int]]:
    """The member as a query, and the initiatives they are already part of (not suggested)."""
    profile = user.profile
    own = set(Initiative.objects.filter(hub=hub, owner=user).values_list("pk", flat=True))
    own |= set(
        TeamMember.objects.filter(initiative__hub=hub, user=user).values_list("initiative_id", flat=True)
    )
    followed = set(
        Follow.objects.filter(initiative__hub=hub, user=user).values_list("initiative_id", flat=True)
    )
    goals: set[str] = set()
    for pk in own | followed:
        goals |= kept.goals_of.get(pk, frozenset())
    item = Item(
        key=user.pk,
        competences=frozenset(profile.competences.values_list("pk", flat=True)),
        places=places_in(profile.place, kept.places),
        goals=frozenset(goals),
        text=_profile_text(profile),
    )
    return item, own | followed


def suggestions_for_member(*, hub: Hub, user: Any, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Initiatives of the hub that fit the member, best first, each with why."""
    kept = hub_index(hub)
    query, known = member_item(hub=hub, user=user, kept=kept)
    matches = kept.index.rank(query, limit=limit, exclude=known)
    return [Suggestion(kept.initiatives[m.key], m.score, _reason(m, kept)) for m in matches]


def _initiative_query(initiative: Initiative, its_needs: list[Need], kept: HubIndex) -> Item:
    named = places_in(f"{initiative.title} {initiative.summary}", kept.places)
    if initiative.area_id is not None:
        named = named | {normalise(initiative.area.name)}  # type: ignore[union-attr]
    return Item(
        key=initiative.pk,
        competences=frozenset(n.competence_id for n in its_needs if n.competence_id is not None),
        places=named,
        goals=kept.goals_of.get(initiative.pk, frozenset()),
        text=_initiative_text(initiative, its_needs),
    )


def suggestions_for_initiative(
    *, initiative: Initiative, limit: int = SUGGESTION_LIMIT
) -> tuple[list[Suggestion], list[Suggestion]]:
    """For an initiative's needs: (members, partner organisations), best first, each with why.
    Members are only the hub's approved members with a public profile, not already in the team."""
    hub = initiative.hub
    kept = hub_index(hub)
    its_needs = needs(initiative=initiative)
    query = _initiative_query(initiative, its_needs, kept)
    members = list(public_members(hub=hub))
    member_ids = [m.user_id for m in members]
    involved: dict[int, set[int]] = {}
    for user_id, initiative_id in Follow.objects.filter(
        initiative__hub=hub, user_id__in=member_ids
    ).values_list("user_id", "initiative_id"):
        involved.setdefault(user_id, set()).add(initiative_id)
    for user_id, initiative_id in TeamMember.objects.filter(
        initiative__hub=hub, user_id__in=member_ids
    ).values_list("user_id", "initiative_id"):
        involved.setdefault(user_id, set()).add(initiative_id)
    for user_id, initiative_id in Initiative.objects.filter(hub=hub, owner_id__in=member_ids).values_list(
        "owner_id", "pk"
    ):
        involved.setdefault(user_id, set()).add(initiative_id)
    items = []
    for m in members:
        profile = m.user.profile
        goals: set[str] = set()
        for pk in involved.get(m.user_id, ()):
            goals |= kept.goals_of.get(pk, frozenset())
        items.append(
            Item(
                key=m.user_id,
                competences=frozenset(c.pk for c in profile.competences.all()),
                places=places_in(profile.place, kept.places),
                goals=frozenset(goals),
                text=_profile_text(profile),
            )
        )
    by_user = {m.user_id: m for m in members}
    team = team_user_ids(initiative) | {initiative.owner_id}
    member_matches = MatchIndex(items).rank(query, limit=limit, exclude=team)
    people = [
        Suggestion(by_user[m.key].user, m.score, _reason(m, kept), by_user[m.key]) for m in member_matches
    ]

    partnerships = list(hub_partners(hub=hub))
    org_items = [
        Item(
            key=p.organisation_id,
            places=places_in(f"{p.organisation.description} {p.contribution}", kept.places),
            text=f"{p.organisation.name} {p.organisation.description} {p.contribution}",
        )
        for p in partnerships
    ]
    by_org = {p.organisation_id: p for p in partnerships}
    org_query = Item(
        key=initiative.pk,
        places=query.places,
        text=" ".join(
            [
                initiative.title,
                initiative.summary,
                *(n.text for n in its_needs),
                *(
                    n.competence.name_en + " " + n.competence.name_nb + " " + n.competence.name_sv
                    for n in its_needs
                    if n.competence is not None
                ),
            ]
        ),
    )
    org_matches = MatchIndex(org_items).rank(org_query, limit=limit)
    organisations = [
        Suggestion(by_org[m.key].organisation, m.score, _reason(m, kept), by_org[m.key]) for m in org_matches
    ]
    return people, organisations


def introductions(*, hub: Hub, status: str = "") -> QuerySet[Introduction]:
    """The hub's introductions for its stewards, newest first."""
    qs = Introduction.objects.filter(hub=hub).select_related(
        "initiative", "user", "organisation", "introduced_by", "answered_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def introduction_get(*, hub: Hub, pk: int) -> Introduction:
    return get_object_or_404(introductions(hub=hub), pk=pk)


def introductions_for(*, hub: Hub, user: Any, represented: frozenset[int]) -> QuerySet[Introduction]:
    """Introductions made to this person, or to an organisation they represent, in the hub."""
    return introductions(hub=hub).filter(Q(user=user) | Q(organisation_id__in=represented))


def initiative_introductions(*, initiative: Initiative) -> QuerySet[Introduction]:
    return introductions(hub=initiative.hub).filter(initiative=initiative)


def approved_partnership(*, hub: Hub, organisation_id: int) -> Partnership | None:
    return hub_partners(hub=hub).filter(organisation_id=organisation_id).first()


def reason_lines(reason: Reason) -> list[str]:
    """A suggestion's reasons as short lines, kept on an introduction."""
    from django.utils.translation import gettext as _

    lines = [f"{_('Competence')}: {c}" for c in reason.competences]
    lines += [f"{_('Place')}: {p}" for p in reason.places]
    lines += [f"{_('Goal')}: {g}" for g in reason.goals]
    if reason.words:
        lines.append(f"{_('Words in common')}: {', '.join(reason.words)}")
    return lines
