"""Reads for the governance pages and the API, each in a fixed number of queries. Results are
read only from closed ballots; a secret ballot's voters are never read with what they chose."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.governance.models import Ballot, Candidate, Choice, Meeting, Motion, Tally, Voter
from apps.hubs.models import Hub
from apps.hubs.rules import is_member
from apps.organisations.models import Organisation


def _ballots() -> QuerySet[Ballot]:
    return Ballot.objects.select_related("motion").prefetch_related(
        Prefetch("candidates", queryset=Candidate.objects.select_related("user", "tally").order_by("pk")),
        Prefetch("tallies", queryset=Tally.objects.order_by("pk")),
    )


def meetings(*, hub: Hub) -> QuerySet[Meeting]:
    """A hub's general meetings, newest first, with how many motions and ballots each has."""
    return (
        Meeting.objects.filter(hub=hub)
        .select_related("hub")
        .annotate(
            motion_count=Count("motions", distinct=True),
            ballot_count=Count("ballots", distinct=True),
            open_ballot_count=Count("ballots", filter=Q(ballots__status="open"), distinct=True),
        )
        .order_by("-starts_at", "-pk")
    )


def meeting_get(*, hub: Hub, pk: int) -> Meeting:
    """A meeting of this hub with its agenda, motions (with proposer) and ballots, or 404."""
    return get_object_or_404(
        Meeting.objects.select_related("hub").prefetch_related(
            "agenda_items",
            Prefetch(
                "motions",
                queryset=Motion.objects.select_related("proposed_by", "organisation", "ballot").order_by(
                    "pk"
                ),
            ),
            Prefetch("ballots", queryset=_ballots().order_by("pk")),
        ),
        hub=hub,
        pk=pk,
    )


def motion_get(*, hub: Hub, pk: int) -> Motion:
    return get_object_or_404(
        Motion.objects.select_related("meeting__hub", "proposed_by", "organisation", "ballot"),
        meeting__hub=hub,
        pk=pk,
    )


def ballot_get(*, hub: Hub, pk: int) -> Ballot:
    """A ballot of this hub with its meeting, motion, candidates and counts, or 404."""
    return get_object_or_404(_ballots().select_related("meeting__hub"), meeting__hub=hub, pk=pk)


@dataclass
class ResultRow:
    label: str
    votes: int
    elected: bool = False
    candidate: Candidate | None = None
    choice: str = ""


def results(ballot: Ballot) -> list[ResultRow]:
    """The counts of a closed ballot (from the prefetched tallies and candidates), most votes
    first for an election; nothing while it is not closed."""
    if not ballot.is_closed:
        return []
    if ballot.is_election:
        rows = [
            ResultRow(
                label=c.user.display_name,
                votes=getattr(getattr(c, "tally", None), "votes", 0),
                elected=c.elected,
                candidate=c,
            )
            for c in ballot.candidates.all()
        ]
        return sorted(rows, key=lambda r: (-r.votes, r.label))
    labels = dict(Choice.choices)
    return [
        ResultRow(label=str(labels[t.choice]), votes=t.votes, choice=t.choice) for t in ballot.tallies.all()
    ]


def open_votes(ballot: Ballot) -> list[Voter]:
    """Who voted what in a closed open ballot (nothing for a secret or unclosed one)."""
    if ballot.secret or not ballot.is_closed:
        return []
    return list(
        Voter.objects.filter(ballot=ballot)
        .select_related("person", "organisation", "cast_by")
        .prefetch_related(Prefetch("marks", queryset=Candidate.objects.select_related("user")))
        .order_by("organisation__name", "person__name", "pk")
    )


@dataclass
class VoteOption:
    """One vote the signed-in person may cast: their own (organisation None) or an
    organisation's, and whether it has been cast already."""

    organisation: Organisation | None
    cast: bool

    @property
    def value(self) -> str:
        return str(self.organisation.pk) if self.organisation else "self"


def vote_options(*, ballot: Ballot, user: Any) -> list[VoteOption]:
    """The votes `user` holds in this ballot: their own as a member, and one for each approved
    partner organisation of the hub they represent (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    hub = ballot.meeting.hub
    organisations = list(
        Organisation.objects.filter(
            partnerships__hub=hub, partnerships__status="approved", representative__user_id=user.pk
        )
        .distinct()
        .order_by("name")
    )
    voted = Voter.objects.filter(ballot=ballot).filter(
        Q(person_id=user.pk) | Q(organisation__in=[o.pk for o in organisations])
    )
    seen = {(v.person_id, v.organisation_id) for v in voted.only("person_id", "organisation_id")}
    options = []
    if is_member(user, hub):
        options.append(VoteOption(None, (user.pk, None) in seen))
    options += [VoteOption(o, (None, o.pk) in seen) for o in organisations]
    return options


def decisions(*, hub: Hub) -> QuerySet[Meeting]:
    """The public decision log: closed meetings, newest first, with their motions' outcomes and
    their elections' results."""
    return (
        Meeting.objects.filter(hub=hub, status=Meeting.Status.CLOSED)
        .select_related("hub")
        .prefetch_related(
            "agenda_items",
            Prefetch(
                "motions",
                queryset=Motion.objects.select_related("proposed_by", "organisation", "ballot").order_by(
                    "pk"
                ),
            ),
            Prefetch(
                "ballots",
                queryset=_ballots()
                .filter(kind=Ballot.Kind.ELECTION, status=Ballot.Status.CLOSED)
                .order_by("pk"),
                to_attr="elections",
            ),
        )
        .order_by("-starts_at", "-pk")
    )
