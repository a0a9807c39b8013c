# ruff: noqa: E501 - demo texts read best on one line each
"""Demo data for equal ownership: Pådriv Oslo's closed annual meeting (årsmøte) with a decided
motion and a board election, and an open member meeting whose ballot anyone with a vote can try.
Written through the services, so the counts, receipts, audit log and notifications are real.
Idempotent: a second run finds the meetings by title and changes nothing."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.governance import services
from apps.governance.models import Candidate, Meeting
from apps.hubs.models import Hub
from apps.hubs.rules import is_member

ANNUAL = "Årsmøte 2026 i Pådriv Oslo"
AUTUMN = "Digitalt medlemsmøte høsten 2026"

AGENDA = [
    "Åpning og godkjenning av innkalling og dagsorden",
    "Valg av møteleder og referent",
    "Årsberetning 2025",
    "Regnskap 2025",
    "Innkomne forslag",
    "Valg av styre",
]

MOTION_TITLE = "Grønne innkjøp ved alle Pådriv-arrangementer"
MOTION_TEXT = (
    "Pådriv Oslo skal kjøpe inn gjenbrukt, leid eller lokalt produsert materiell til alle egne arrangementer, "
    "og mat skal være vegetarisk som standard.\n\n"
    "**Begrunnelse:** Vi ber partnerne våre om å kutte utslipp. Da må vi selv gå foran."
)

MINUTES = """## Referat fra årsmøtet

**Til stede:** 10 medlemmer og 5 partnerorganisasjoner, hver med én stemme.

1. Innkalling og dagsorden ble godkjent uten merknader.
2. Ingrid Solberg ble valgt til møteleder, Kari Nordmann til referent.
3. Årsberetningen for 2025 ble tatt til etterretning. Nettverket har vokst med fire partnere.
4. Regnskapet for 2025 ble godkjent.
5. Forslaget om grønne innkjøp ble **vedtatt** (se vedtaksloggen).
6. Styrevalg med hemmelig avstemning, to plasser: se resultatet i vedtaksloggen.

Møtet ble hevet kl. 20.15.
"""

OPEN_MOTION_TITLE = "Sykkelparkering ved alle Pådriv-arrangementer"
OPEN_MOTION_TEXT = (
    "Alle arrangementer Pådriv Oslo holder, skal ha trygg sykkelparkering for minst 30 sykler, "
    "gjerne lånt av Sykkelbyen Oslo."
)

# (voter e-mail, vote as member, vote for their organisations)
MOTION_VOTES = [
    ("ingrid@oslo.demo", "yes"),
    ("steward@oslo.demo", "yes"),
    ("board@oslo.demo", "abstain"),
    ("member@oslo.demo", "yes"),
    ("lars@oslo.demo", "no"),
    ("sofie@oslo.demo", "yes"),
    ("jonas@oslo.demo", "yes"),
    ("mari@oslo.demo", "yes"),
    ("erik@oslo.demo", "no"),
    ("nadia@oslo.demo", "yes"),
]
# The candidates for the board, and whom each voter marks (two seats).
CANDIDATES = ["board@oslo.demo", "sofie@oslo.demo", "erik@oslo.demo"]
BOARD_MARKS = {
    "ingrid@oslo.demo": ["board@oslo.demo", "sofie@oslo.demo"],
    "steward@oslo.demo": ["sofie@oslo.demo", "erik@oslo.demo"],
    "board@oslo.demo": ["board@oslo.demo", "sofie@oslo.demo"],
    "member@oslo.demo": ["board@oslo.demo", "sofie@oslo.demo"],
    "lars@oslo.demo": ["erik@oslo.demo"],
    "sofie@oslo.demo": ["sofie@oslo.demo", "board@oslo.demo"],
    "jonas@oslo.demo": ["board@oslo.demo", "erik@oslo.demo"],
    "mari@oslo.demo": ["sofie@oslo.demo"],
}
# A partner organisation votes the way its representative marks it here.
ORGANISATION_MOTION = {
    "Oslo kommune": "yes",
    "Grønn Gårdsplass AS": "yes",
    "Tøyen Nabolagsforening": "yes",
    "Byforskningsinstituttet": "abstain",
    "Sirkel Gjenbruk SA": "no",
}
ORGANISATION_BOARD = {
    "Oslo kommune": ["erik@oslo.demo"],
    "Grønn Gårdsplass AS": ["board@oslo.demo"],
    "Tøyen Nabolagsforening": ["sofie@oslo.demo", "board@oslo.demo"],
    "Byforskningsinstituttet": ["sofie@oslo.demo"],
}


def _at(hub: Hub, days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=hub.zone)


def _organisation_votes(hub: Hub, people: dict[str, User]) -> list[tuple[User, Any]]:
    """Each approved partner organisation once, with the first of its representatives among `people`."""
    seen: dict[int, tuple[User, Any]] = {}
    for user in people.values():
        for organisation in services.voting_organisations(hub=hub, user=user):
            seen.setdefault(organisation.pk, (user, organisation))
    return list(seen.values())


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    if hub is None:
        return
    emails = {e for e, _ in MOTION_VOTES} | set(CANDIDATES)
    people = {u.email: u for u in User.objects.filter(email__in=emails)}
    lead = people.get("ingrid@oslo.demo")
    if lead is None:
        return
    members = {e: u for e, u in people.items() if is_member(u, hub)}

    if not Meeting.objects.filter(hub=hub, title=ANNUAL).exists():
        meeting = services.meeting_create(
            hub=hub,
            actor=lead,
            title=ANNUAL,
            kind=Meeting.Kind.ANNUAL,
            starts_at=_at(hub, -75, 18),
            place="Deichman Bjørvika, Anne-Cath. Vestlys plass 1",
            agenda=AGENDA,
        )
        services.meeting_advance(meeting=meeting, actor=lead)
        proposer = members.get("member@oslo.demo", lead)
        motion = services.motion_create(meeting=meeting, actor=proposer, title=MOTION_TITLE, text=MOTION_TEXT)
        ballot = services.ballot_create(
            meeting=meeting, actor=lead, kind="motion", motion=motion, secret=False
        )
        services.ballot_open(ballot=ballot, actor=lead)
        for email, choice in MOTION_VOTES:
            if email in members:
                services.vote_cast(ballot=ballot, actor=members[email], choice=choice)
        for rep, organisation in _organisation_votes(hub, people):
            if organisation.name in ORGANISATION_MOTION:
                services.vote_cast(
                    ballot=ballot,
                    actor=rep,
                    organisation=organisation,
                    choice=ORGANISATION_MOTION[organisation.name],
                )
        services.ballot_close(ballot=ballot, actor=lead)

        election = services.ballot_create(
            meeting=meeting,
            actor=lead,
            kind="election",
            title="Valg av styre 2026–2027",
            seats=2,
            secret=True,
            candidates=[members[e] for e in CANDIDATES if e in members],
        )
        services.ballot_open(ballot=election, actor=lead)
        by_email = {c.user.email: c for c in Candidate.objects.filter(ballot=election).select_related("user")}
        for email, marks in BOARD_MARKS.items():
            if email in members:
                services.vote_cast(
                    ballot=election,
                    actor=members[email],
                    candidates=[by_email[m] for m in marks if m in by_email],
                )
        for rep, organisation in _organisation_votes(hub, people):
            if organisation.name in ORGANISATION_BOARD:
                chosen = [by_email[m] for m in ORGANISATION_BOARD[organisation.name] if m in by_email]
                services.vote_cast(ballot=election, actor=rep, organisation=organisation, candidates=chosen)
        services.ballot_close(ballot=election, actor=lead)
        services.meeting_update(
            meeting=meeting,
            actor=lead,
            title=ANNUAL,
            kind=Meeting.Kind.ANNUAL,
            starts_at=meeting.starts_at,
            place=meeting.place,
            agenda=AGENDA,
            minutes=MINUTES,
        )
        services.meeting_advance(meeting=meeting, actor=lead)

    if not Meeting.objects.filter(hub=hub, title=AUTUMN).exists():
        meeting = services.meeting_create(
            hub=hub,
            actor=lead,
            title=AUTUMN,
            kind=Meeting.Kind.GENERAL,
            starts_at=_at(hub, -1, 18),
            place="Digitalt (lenke sendes medlemmene)",
            agenda=["Åpning", "Forslag om sykkelparkering", "Eventuelt"],
        )
        services.meeting_advance(meeting=meeting, actor=lead)
        proposer = members.get("mari@oslo.demo", lead)
        motion = services.motion_create(
            meeting=meeting, actor=proposer, title=OPEN_MOTION_TITLE, text=OPEN_MOTION_TEXT
        )
        ballot = services.ballot_create(
            meeting=meeting, actor=lead, kind="motion", motion=motion, secret=True
        )
        services.ballot_open(ballot=ballot, actor=lead)
        for email in ("ingrid@oslo.demo", "mari@oslo.demo", "erik@oslo.demo"):
            if email in members:
                services.vote_cast(
                    ballot=ballot, actor=members[email], choice="no" if email == "erik@oslo.demo" else "yes"
                )

    stdout.write(
        f"Governance: {hub.name} has a closed annual meeting (a decided motion, a board election) and an open secret ballot."
    )
