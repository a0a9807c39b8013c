"""API for governance, under /api/v1/: a hub's general meetings, motions, ballots and the
decision log. Read only. A ballot's results appear only once it is closed; no answer ever names
who voted what (not even for an open ballot: that is for members, on the page)."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.governance import selectors
from apps.governance.models import Ballot, Meeting, Motion
from apps.hubs.selectors import hub_get

router = Router(tags=["governance"])


class MotionOut(Schema):
    id: int
    meeting_id: int
    title: str
    text: str
    proposed_by: str | None
    organisation: str | None
    outcome: str
    decided_at: datetime | None
    ballot_id: int | None
    url: str

    @staticmethod
    def resolve_proposed_by(obj: Motion) -> str | None:
        return obj.proposed_by.display_name if obj.proposed_by else None

    @staticmethod
    def resolve_organisation(obj: Motion) -> str | None:
        return obj.organisation.name if obj.organisation else None

    @staticmethod
    def resolve_ballot_id(obj: Motion) -> int | None:
        ballot = getattr(obj, "ballot", None)
        return ballot.pk if ballot else None

    @staticmethod
    def resolve_url(obj: Motion) -> str:
        return obj.get_absolute_url()


class BallotResultOut(Schema):
    option: str
    label: str
    votes: int
    elected: bool


class BallotSummaryOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    secret: bool
    seats: int
    url: str

    @staticmethod
    def resolve_url(obj: Ballot) -> str:
        return obj.get_absolute_url()


class BallotOut(BallotSummaryOut):
    meeting_id: int
    motion_id: int | None
    counting: str
    candidates: list[str]
    opened_at: datetime | None
    closed_at: datetime | None
    voters: int | None
    tied: bool
    draw: str
    results: list[BallotResultOut] | None

    @staticmethod
    def resolve_counting(obj: Ballot) -> str:
        if obj.is_election:
            return (
                "plurality-block: each voter marks up to `seats` candidates; the most votes win; "
                "a tie for the last seat is settled by a recorded draw"
            )
        return "simple-majority: adopted when yes > no; abstentions count for neither"

    @staticmethod
    def resolve_candidates(obj: Ballot) -> list[str]:
        return [c.user.display_name for c in obj.candidates.all()]

    @staticmethod
    def resolve_voters(obj: Ballot) -> int | None:
        return obj.voter_count if obj.is_closed else None

    @staticmethod
    def resolve_results(obj: Ballot) -> list[dict[str, object]] | None:
        if not obj.is_closed:
            return None
        return [
            {
                "option": row.choice or (str(row.candidate.user_id) if row.candidate else ""),
                "label": row.label,
                "votes": row.votes,
                "elected": row.elected,
            }
            for row in selectors.results(obj)
        ]


class MeetingSummaryOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    place: str
    status: str
    url: str

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return obj.get_absolute_url()


class MeetingOut(MeetingSummaryOut):
    agenda: list[str]
    minutes: str
    motions: list[MotionOut]
    ballots: list[BallotSummaryOut]

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[str]:
        return [item.title for item in obj.agenda_items.all()]

    @staticmethod
    def resolve_motions(obj: Meeting) -> list[Motion]:
        return list(obj.motions.all())

    @staticmethod
    def resolve_ballots(obj: Meeting) -> list[Ballot]:
        return list(obj.ballots.all())


class ElectionOut(Schema):
    ballot_id: int
    title: str
    seats: int
    elected: list[str]
    tied: bool
    draw: str


class DecisionOut(MeetingSummaryOut):
    minutes: str
    motions: list[MotionOut]
    elections: list[ElectionOut]

    @staticmethod
    def resolve_motions(obj: Meeting) -> list[Motion]:
        return list(obj.motions.all())

    @staticmethod
    def resolve_elections(obj: Meeting) -> list[dict[str, object]]:
        return [
            {
                "ballot_id": b.pk,
                "title": b.title,
                "seats": b.seats,
                "elected": [c.user.display_name for c in b.candidates.all() if c.elected],
                "tied": b.tied,
                "draw": b.draw,
            }
            for b in obj.elections  # type: ignore[attr-defined]
        ]


@router.get("/hubs/{hub_slug}/meetings", response=answers(list[MeetingSummaryOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_meetings(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    """A hub's general meetings, newest first."""
    return selectors.meetings(hub=hub_get(slug=hub_slug))


@router.get("/hubs/{hub_slug}/meetings/{meeting_id}", response=answers(MeetingOut, NOT_FOUND, INVALID))
def get_meeting(request: HttpRequest, hub_slug: str, meeting_id: int) -> Meeting:
    """A general meeting: agenda, motions with their decisions, ballots, minutes."""
    return selectors.meeting_get(hub=hub_get(slug=hub_slug), pk=meeting_id)


@router.get("/hubs/{hub_slug}/motions/{motion_id}", response=answers(MotionOut, NOT_FOUND, INVALID))
def get_motion(request: HttpRequest, hub_slug: str, motion_id: int) -> Motion:
    """One motion and its decision."""
    return selectors.motion_get(hub=hub_get(slug=hub_slug), pk=motion_id)


@router.get("/hubs/{hub_slug}/ballots/{ballot_id}", response=answers(BallotOut, NOT_FOUND, INVALID))
def get_ballot(request: HttpRequest, hub_slug: str, ballot_id: int) -> Ballot:
    """A ballot; its counts and who was elected only once it is closed, never who voted what."""
    return selectors.ballot_get(hub=hub_get(slug=hub_slug), pk=ballot_id)


@router.get("/hubs/{hub_slug}/decisions", response=answers(list[DecisionOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_decisions(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    """The public decision log: closed meetings with their motions' outcomes, elections and minutes."""
    return selectors.decisions(hub=hub_get(slug=hub_slug))
