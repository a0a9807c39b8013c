"""Every change to a hub's general meetings: meetings and their agenda and minutes, motions,
ballots (open, close, settle a tie by a draw) and votes. Keyword-only; each checks permission,
writes in one transaction, records decisions in the audit log and tells people with notify().
Errors are translated `ValidationError`s with a code, or `PermissionDenied`."""

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import audit_record
from apps.core.dates import check_window
from apps.core.permissions import require
from apps.governance.models import (
    AGENDA_MAX_ITEMS,
    MINUTES_MAX,
    SEATS_MAX,
    TEXT_MAX,
    Ballot,
    Candidate,
    Choice,
    Meeting,
    Motion,
    Receipt,
    Tally,
    Voter,
)
from apps.hubs.models import ApplicationStatus, Hub
from apps.hubs.rules import is_member
from apps.hubs.selectors import approved_members
from apps.notifications.services import notify
from apps.organisations.models import Organisation

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy by hand
RECEIPT_LENGTH = 16


# Helpers -----------------------------------------------------------------------------------


def _required(value: str | None, field: str, message: str, max_length: int) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if not value:
        raise ValidationError({field: ValidationError(message, code="required")})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: ValidationError(
                    _("This can be at most %(max)d characters long.") % {"max": max_length},
                    code="max_length",
                )
            }
        )
    return value


def _clean_agenda(agenda: Iterable[str]) -> list[str]:
    items = [line.strip()[:300] for line in agenda if line and line.strip()]
    if len(items) > AGENDA_MAX_ITEMS:
        raise ValidationError(
            {
                "agenda": ValidationError(
                    _("An agenda can have at most %(max)d items.") % {"max": AGENDA_MAX_ITEMS},
                    code="max_items",
                )
            }
        )
    return items


# A general meeting (where the hub's ballots are held) is called at most three years ahead and
# recorded at most two years back; a saved date is checked again only when it changes.
MEETING_PAST_DAYS = 2 * 366
MEETING_FUTURE_DAYS = 3 * 366


def _aware(starts_at: datetime, *, before: datetime | None = None) -> datetime:
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": ValidationError(_("Give the date and time."), code="naive")})
    if starts_at != before:
        check_window(
            starts_at, field="starts_at", past_days=MEETING_PAST_DAYS, future_days=MEETING_FUTURE_DAYS
        )
    return starts_at


def owners(hub: Hub) -> list[Any]:
    """Everyone who holds a vote in the hub: its approved members and the representatives of its
    approved partner organisations (each person once)."""
    people = {m.user.pk: m.user for m in approved_members(hub=hub)}
    representatives = User.objects.filter(
        representative__organisation__partnerships__hub=hub,
        representative__organisation__partnerships__status=ApplicationStatus.APPROVED,
        is_active=True,
    ).distinct()
    for user in representatives:
        people.setdefault(user.pk, user)
    return list(people.values())


def voting_organisations(*, hub: Hub, user: Any) -> list[Organisation]:
    """The approved partner organisations of the hub that `user` represents (and so may vote for)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            partnerships__hub=hub,
            partnerships__status=ApplicationStatus.APPROVED,
            representative__user_id=user.pk,
        )
        .distinct()
        .order_by("name")
    )


# Meetings ----------------------------------------------------------------------------------


def _set_agenda(meeting: Meeting, agenda: list[str]) -> None:
    meeting.agenda_items.all().delete()
    meeting.agenda_items.bulk_create(
        [meeting.agenda_items.model(meeting=meeting, position=i, title=t) for i, t in enumerate(agenda, 1)]
    )


@transaction.atomic
def meeting_create(
    *,
    hub: Hub,
    actor: Any,
    title: str,
    starts_at: datetime,
    kind: str = Meeting.Kind.ANNUAL,
    place: str = "",
    agenda: Sequence[str] = (),
) -> Meeting:
    """Call a general meeting (planned), with its agenda one item a line."""
    require(actor, "governance.manage_meetings", hub)
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": ValidationError(_("Choose a kind of meeting."), code="invalid")})
    meeting = Meeting.objects.create(
        hub=hub,
        kind=kind,
        title=_required(title, "title", _("Give the meeting a title."), 200),
        starts_at=_aware(starts_at),
        place=(place or "").strip()[:300],
        created_by=actor,
    )
    _set_agenda(meeting, _clean_agenda(agenda))
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    starts_at: datetime,
    kind: str,
    place: str = "",
    agenda: Sequence[str] = (),
    minutes: str = "",
) -> Meeting:
    """Change a meeting's details, agenda and minutes. Minutes stay editable after closing (a
    correction); everything is readable in the public decision log once the meeting is closed."""
    require(actor, "governance.manage_meetings", meeting)
    locked = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": ValidationError(_("Choose a kind of meeting."), code="invalid")})
    minutes = (minutes or "").replace("\r\n", "\n").strip()
    if len(minutes) > MINUTES_MAX:
        raise ValidationError({"minutes": ValidationError(_("The minutes are too long."), code="max_length")})
    locked.title = _required(title, "title", _("Give the meeting a title."), 200)
    locked.starts_at = _aware(starts_at, before=locked.starts_at)
    locked.kind = kind
    locked.place = (place or "").strip()[:300]
    locked.minutes = minutes
    locked.save()
    _set_agenda(locked, _clean_agenda(agenda))
    return locked


MEETING_NEXT = {Meeting.Status.PLANNED: Meeting.Status.OPEN, Meeting.Status.OPEN: Meeting.Status.CLOSED}


@transaction.atomic
def meeting_advance(*, meeting: Meeting, actor: Any) -> Meeting:
    """Planned → open → closed. A meeting closes only when none of its ballots is still open;
    then its decisions and minutes are in the public decision log."""
    require(actor, "governance.manage_meetings", meeting)
    locked = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    after = MEETING_NEXT.get(Meeting.Status(locked.status))
    if after is None:
        raise ValidationError(_("This meeting is closed."), code="closed")
    if after == Meeting.Status.CLOSED and locked.ballots.filter(status=Ballot.Status.OPEN).exists():
        raise ValidationError(_("Close the open ballots before closing the meeting."), code="ballots_open")
    before = locked.status
    locked.status = after
    if after == Meeting.Status.CLOSED:
        locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="governance.meeting_close" if after == Meeting.Status.CLOSED else "governance.meeting_open",
        target=locked,
        data={"before": before, "after": after},
    )
    meeting.status, meeting.closed_at = locked.status, locked.closed_at
    return locked


# Motions -----------------------------------------------------------------------------------


@transaction.atomic
def motion_create(
    *, meeting: Meeting, actor: Any, title: str, text: str, organisation: Organisation | None = None
) -> Motion:
    """A member, a partner's representative (for their organisation) or a hub lead proposes a
    motion to a meeting that is not closed."""
    require(actor, "governance.propose_motion", meeting)
    if organisation is None and not is_member(actor, meeting.hub) and not actor.is_superuser:
        organisations = voting_organisations(hub=meeting.hub, user=actor)
        if len(organisations) != 1:
            raise ValidationError(
                {
                    "organisation": ValidationError(
                        _("Choose the organisation you propose for."), code="required"
                    )
                }
            )
        organisation = organisations[0]
    if organisation is not None and organisation not in voting_organisations(hub=meeting.hub, user=actor):
        raise PermissionDenied(_("You can only propose for an approved partner organisation you represent."))
    motion = Motion.objects.create(
        meeting=meeting,
        title=_required(title, "title", _("Give the motion a title."), 200),
        text=_required(text, "text", _("Write the motion."), TEXT_MAX),
        proposed_by=actor,
        organisation=organisation,
    )
    notify(
        [u for u in _leads(meeting.hub) if u.pk != actor.pk],
        template="governance/email/motion_proposed.txt",
        context={"motion": motion, "meeting": meeting, "actor": actor},
        url=motion.get_absolute_url(),
        hub=meeting.hub,
        kind="governance",
    )
    return motion


def _leads(hub: Hub) -> list[Any]:
    from apps.hubs.selectors import hub_leads

    return hub_leads(hub)


@transaction.atomic
def motion_withdraw(*, motion: Motion, actor: Any) -> Motion:
    """Whoever proposed it (or a hub lead) withdraws a motion before its ballot opens."""
    locked = Motion.objects.select_for_update(of=("self",)).select_related("meeting__hub").get(pk=motion.pk)
    require(actor, "governance.withdraw_motion", locked)
    ballot = Ballot.objects.filter(motion=locked).first()
    if ballot is not None and ballot.status != Ballot.Status.DRAFT:
        raise ValidationError(
            _("The ballot on this motion has opened: it can no longer be withdrawn."), code="voting"
        )
    if ballot is not None:
        ballot.delete()
    locked.outcome = Motion.Outcome.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["outcome", "decided_at"])
    audit_record(
        hub=locked.meeting.hub,
        actor=actor,
        action="governance.motion_decide",
        target=locked,
        data={"outcome": locked.outcome},
    )
    motion.outcome, motion.decided_at = locked.outcome, locked.decided_at
    return locked


# Ballots -----------------------------------------------------------------------------------


@transaction.atomic
def ballot_create(
    *,
    meeting: Meeting,
    actor: Any,
    kind: str,
    title: str = "",
    motion: Motion | None = None,
    seats: int = 1,
    secret: bool = False,
    candidates: Sequence[Any] = (),
) -> Ballot:
    """A draft ballot: on one of the meeting's undecided motions, or an election of `seats`
    people from `candidates` (members of the hub)."""
    require(actor, "governance.manage_meetings", meeting)
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError(_("This meeting is closed."), code="closed")
    if kind == Ballot.Kind.MOTION:
        if motion is None or motion.meeting_id != meeting.pk:
            raise ValidationError(
                {"motion": ValidationError(_("Choose a motion of this meeting."), code="invalid")}
            )
        if motion.outcome != Motion.Outcome.PENDING:
            raise ValidationError({"motion": ValidationError(_("This motion is decided."), code="decided")})
        if Ballot.objects.filter(motion=motion).exists():
            raise ValidationError(
                {"motion": ValidationError(_("This motion already has a ballot."), code="duplicate")}
            )
        try:
            with transaction.atomic():
                return Ballot.objects.create(
                    meeting=meeting, kind=kind, motion=motion, title=motion.title[:200], secret=secret
                )
        except IntegrityError as exc:
            raise ValidationError(
                {"motion": ValidationError(_("This motion already has a ballot."), code="duplicate")}
            ) from exc
    if kind != Ballot.Kind.ELECTION:
        raise ValidationError({"kind": ValidationError(_("Choose a kind of ballot."), code="invalid")})
    title = _required(title, "title", _("Give the election a title."), 200)
    if not isinstance(seats, int) or not 1 <= seats <= SEATS_MAX:
        raise ValidationError(
            {"seats": ValidationError(_("Between 1 and %(max)d seats.") % {"max": SEATS_MAX}, code="invalid")}
        )
    people = list({u.pk: u for u in candidates}.values())
    if not people:
        raise ValidationError({"candidates": ValidationError(_("Choose the candidates."), code="required")})
    members = {m.user_id for m in approved_members(hub=meeting.hub)}
    if any(u.pk not in members for u in people):
        raise ValidationError(
            {"candidates": ValidationError(_("Candidates must be members of the hub."), code="not_member")}
        )
    ballot = Ballot.objects.create(meeting=meeting, kind=kind, title=title, seats=seats, secret=secret)
    Candidate.objects.bulk_create([Candidate(ballot=ballot, user=u) for u in people])
    return ballot


def _tally_rows(ballot: Ballot) -> list[Tally]:
    if ballot.is_election:
        return [Tally(ballot=ballot, candidate=c) for c in ballot.candidates.order_by("pk")]
    return [Tally(ballot=ballot, choice=c) for c in Choice.values]


@transaction.atomic
def ballot_open(*, ballot: Ballot, actor: Any) -> Ballot:
    """Open a draft ballot of an open meeting: every member and partner is told they can vote."""
    locked = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("meeting__hub", "motion")
        .get(pk=ballot.pk)
    )
    require(actor, "governance.manage_meetings", locked)
    if locked.status != Ballot.Status.DRAFT:
        raise ValidationError(_("Only a draft ballot can be opened."), code="not_draft")
    if locked.meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("Open the meeting before its ballots."), code="meeting_not_open")
    if locked.motion is not None and locked.motion.outcome != Motion.Outcome.PENDING:
        raise ValidationError(_("This motion is decided."), code="decided")
    locked.status = Ballot.Status.OPEN
    locked.opened_at = timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    Tally.objects.bulk_create(_tally_rows(locked))
    audit_record(
        hub=locked.meeting.hub,
        actor=actor,
        action="governance.ballot_open",
        target=locked,
        data={"kind": locked.kind, "secret": locked.secret, "seats": locked.seats},
    )
    notify(
        owners(locked.meeting.hub),
        template="governance/email/ballot_opened.txt",
        context={"ballot": locked, "meeting": locked.meeting},
        url=locked.get_absolute_url(),
        hub=locked.meeting.hub,
        kind="governance",
    )
    ballot.status, ballot.opened_at = locked.status, locked.opened_at
    return locked


@dataclass
class ElectionCount:
    """Plurality block voting: who is elected outright, and who tie for the seats left over."""

    elected: list[Candidate]
    tied: list[Candidate]
    seats_left: int


def count_election(tallies: Sequence[Tally], seats: int) -> ElectionCount:
    """The `seats` candidates with the most votes are elected; if candidates with equal votes
    straddle the last seat, they are `tied` for the `seats_left` seats (settled by a draw).
    Candidates with no votes are never elected."""
    ordered = sorted((t for t in tallies if t.votes > 0), key=lambda t: -t.votes)
    if len(ordered) <= seats:
        return ElectionCount([t.candidate for t in ordered if t.candidate], [], 0)
    cutoff = ordered[seats - 1].votes
    above = [t.candidate for t in ordered if t.votes > cutoff and t.candidate]
    at = [t.candidate for t in ordered if t.votes == cutoff and t.candidate]
    if len(above) + len(at) <= seats:
        return ElectionCount(above + at, [], 0)
    return ElectionCount(above, at, seats - len(above))


def motion_outcome(tallies: Sequence[Tally]) -> str:
    """Adopted when more votes say yes than no; abstentions count for neither side."""
    votes = {t.choice: t.votes for t in tallies}
    return Motion.Outcome.ADOPTED if votes.get("yes", 0) > votes.get("no", 0) else Motion.Outcome.REJECTED


@transaction.atomic
def ballot_close(*, ballot: Ballot, actor: Any) -> Ballot:
    """Close an open ballot and count it: a motion is decided, an election elects (or reports a
    tie for the last seat). Everyone who holds a vote is told the results are out."""
    locked = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("meeting__hub", "motion")
        .get(pk=ballot.pk)
    )
    require(actor, "governance.manage_meetings", locked)
    if locked.status != Ballot.Status.OPEN:
        raise ValidationError(_("Only an open ballot can be closed."), code="not_open")
    hub = locked.meeting.hub
    tallies = list(locked.tallies.select_related("candidate__user"))
    locked.status = Ballot.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.voter_count = locked.voters.count()
    data: dict[str, Any] = {"voters": locked.voter_count}
    if locked.motion is not None:
        outcome = motion_outcome(tallies)
        Motion.objects.filter(pk=locked.motion.pk).update(outcome=outcome, decided_at=locked.closed_at)
        locked.motion.outcome, locked.motion.decided_at = outcome, locked.closed_at
        data["tally"] = {t.choice: t.votes for t in tallies}
        audit_record(
            hub=hub,
            actor=actor,
            action="governance.motion_decide",
            target=locked.motion,
            data={"outcome": outcome, **data},
        )
    else:
        count = count_election(tallies, locked.seats)
        Candidate.objects.filter(pk__in=[c.pk for c in count.elected]).update(elected=True)
        locked.tied = bool(count.tied)
        data["elected"] = [c.user_id for c in count.elected]
        data["tied"] = [c.user_id for c in count.tied]
        audit_record(hub=hub, actor=actor, action="governance.elect", target=locked, data=data)
    locked.save(update_fields=["status", "closed_at", "voter_count", "tied"])
    audit_record(hub=hub, actor=actor, action="governance.ballot_close", target=locked, data=data)
    notify(
        owners(hub),
        template="governance/email/results.txt",
        context={"ballot": locked, "meeting": locked.meeting},
        url=locked.get_absolute_url(),
        hub=hub,
        kind="governance",
    )
    if locked.tied:
        notify(
            _leads(hub),
            template="governance/email/tie.txt",
            context={"ballot": locked},
            url=locked.get_absolute_url(),
            hub=hub,
            kind="governance",
        )
    ballot.status, ballot.closed_at, ballot.voter_count, ballot.tied = (
        locked.status,
        locked.closed_at,
        locked.voter_count,
        locked.tied,
    )
    return locked


@transaction.atomic
def ballot_draw(*, ballot: Ballot, actor: Any) -> list[Candidate]:
    """Settle a tie for the last seat(s) of a closed election by drawing lots among the tied
    candidates (the system's random source); the draw is recorded on the ballot and audited."""
    locked = Ballot.objects.select_for_update(of=("self",)).select_related("meeting__hub").get(pk=ballot.pk)
    require(actor, "governance.manage_meetings", locked)
    if not (locked.is_closed and locked.tied):
        raise ValidationError(_("There is no tie to settle in this ballot."), code="no_tie")
    count = count_election(list(locked.tallies.select_related("candidate__user")), locked.seats)
    rng = secrets.SystemRandom()
    drawn = rng.sample(count.tied, count.seats_left)
    Candidate.objects.filter(pk__in=[c.pk for c in drawn]).update(elected=True)
    names = ", ".join(c.user.display_name for c in count.tied)
    winners = ", ".join(c.user.display_name for c in drawn)
    locked.tied = False
    locked.draw = _(
        "%(when)s: %(actor)s drew lots among %(names)s for %(seats)d seat(s); drawn: %(winners)s."
    ) % {
        "when": timezone.localtime(timezone.now(), locked.meeting.hub.zone).strftime("%Y-%m-%d %H:%M"),
        "actor": actor.display_name,
        "names": names,
        "seats": count.seats_left,
        "winners": winners,
    }
    locked.save(update_fields=["tied", "draw"])
    audit_record(
        hub=locked.meeting.hub,
        actor=actor,
        action="governance.draw",
        target=locked,
        data={"tied": [c.user_id for c in count.tied], "drawn": [c.user_id for c in drawn]},
    )
    notify(
        owners(locked.meeting.hub),
        template="governance/email/results.txt",
        context={"ballot": locked, "meeting": locked.meeting},
        url=locked.get_absolute_url(),
        hub=locked.meeting.hub,
        kind="governance",
    )
    ballot.tied, ballot.draw = locked.tied, locked.draw
    return drawn


# Voting ------------------------------------------------------------------------------------


@dataclass
class Cast:
    """A vote that landed: who voted (a member or an organisation) and, in a secret ballot, the
    receipt code to show the voter once (it is stored only as a hash)."""

    voter: Voter
    receipt: str = ""


def hash_receipt(code: str) -> str:
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode("ascii", "ignore")).hexdigest()


def _new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def _duplicate(organisation: Organisation | None) -> ValidationError:
    if organisation is not None:
        return ValidationError(
            _("%(name)s has already voted in this ballot. Each organisation has one vote.")
            % {"name": organisation.name},
            code="duplicate",
        )
    return ValidationError(
        _("You have already voted in this ballot. Each member has one vote."), code="duplicate"
    )


def vote_cast(
    *,
    ballot: Ballot,
    actor: Any,
    organisation: Organisation | None = None,
    choice: str = "",
    candidates: Sequence[Candidate] = (),
) -> Cast:
    """Cast one vote in an open ballot: the actor's own (as an approved member) or, with
    `organisation`, that organisation's (as its representative, for an approved partner).

    One vote each is kept by the database (partial unique constraints on `Voter`) and by locking
    the ballot row, so a vote never lands after the ballot closed and a second vote at the same
    moment gets the same "already voted" error as a later one."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to vote."))
    hub = ballot.meeting.hub
    require(actor, "governance.hold_vote", hub)
    if organisation is None:
        if not is_member(actor, hub):
            raise PermissionDenied(_("Only approved members of the hub can vote."))
    elif organisation not in voting_organisations(hub=hub, user=actor):
        raise PermissionDenied(
            _("You can only vote for an approved partner organisation of the hub that you represent.")
        )
    marks: list[Candidate] = []
    if ballot.is_election:
        marks = list({c.pk: c for c in candidates}.values())
        if any(c.ballot_id != ballot.pk for c in marks):
            raise ValidationError(
                {"candidates": ValidationError(_("Choose among the candidates."), code="invalid")}
            )
        if len(marks) > ballot.seats:
            raise ValidationError(
                {
                    "candidates": ValidationError(
                        _("Mark at most %(seats)d candidates.") % {"seats": ballot.seats}, code="too_many"
                    )
                }
            )
        choice = ""
    elif choice not in Choice.values:
        raise ValidationError({"choice": ValidationError(_("Choose yes, no or abstain."), code="required")})
    try:
        with transaction.atomic():
            locked = Ballot.objects.select_for_update(of=("self",)).get(pk=ballot.pk)
            if locked.status != Ballot.Status.OPEN:
                if locked.status == Ballot.Status.DRAFT:
                    raise ValidationError(_("This ballot has not opened yet."), code="not_open")
                raise ValidationError(_("This ballot is closed. Votes are no longer counted."), code="closed")
            mine = Voter.objects.filter(ballot=locked)
            mine = mine.filter(organisation=organisation) if organisation else mine.filter(person=actor)
            if mine.exists():
                raise _duplicate(organisation)
            voter = Voter.objects.create(
                ballot=locked,
                person=None if organisation else actor,
                organisation=organisation,
                cast_by=actor,
                choice="" if locked.secret else choice,
            )
            if marks and not locked.secret:
                voter.marks.set(marks)
            if locked.is_election:
                Tally.objects.filter(ballot=locked, candidate__in=marks).update(votes=F("votes") + 1)
            else:
                Tally.objects.filter(ballot=locked, choice=choice, candidate__isnull=True).update(
                    votes=F("votes") + 1
                )
            code = ""
            if locked.secret:
                code = _new_receipt_code()
                Receipt.objects.create(ballot=locked, code_hash=hash_receipt(code))
    except IntegrityError as exc:
        # Two requests at once got past the check: the unique constraint let one through.
        raise _duplicate(organisation) from exc
    return Cast(voter=voter, receipt=code)


def receipt_check(*, hub: Hub, code: str) -> Ballot | None:
    """The ballot of the hub whose count includes the vote with this receipt code, if any."""
    if not code or len(code) > 64:
        return None
    receipt = (
        Receipt.objects.filter(code_hash=hash_receipt(code), ballot__meeting__hub=hub)
        .select_related("ballot__meeting__hub")
        .first()
    )
    return receipt.ballot if receipt else None
