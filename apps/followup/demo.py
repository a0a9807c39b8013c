"""Demo follow-up for `manage.py seed_demo` (runs after the initiatives and processes demos).

For the first Oslo and Södertörn demo ideas: a clarification meeting (held, with minutes and
action points, for the first idea; upcoming for the second), an advisory meeting, tasks for
member@oslo.demo and steward@oslo.demo (one overdue, one due soon, one done), and a few
notifications for the demo people (some unread). Idempotent: nothing is added twice.
"""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.followup.models import Meeting, Task
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.notifications.models import Notification

MINUTES = {
    "nb": """**Til stede:** idéhaveren og to fra forvaltningsteamet.

- Ideen er klar og har støtte i nabolaget.
- Idéhaveren trenger hjelp med tillatelser og med å finne en snekker.
- Neste steg: et rådgivningsmøte med en jurist og en partner som kan låne ut verktøy.
""",
    "sv": """**Närvarande:** idégivaren och två processledare.

- Idén är tydlig och har stöd i grannskapet.
- Idégivaren behöver hjälp med tillstånd och med att hitta en snickare.
- Nästa steg: ett rådgivningsmöte med en jurist och en partner som kan låna ut verktyg.
""",
}
# The tasks of the demo, in each hub's language.
TASKS = {
    "nb": (
        "Send bilder og en skisse av stedet",
        "Spør kommunen hvilke tillatelser som trengs",
        "Book et rom til rådgivningsmøtet",
    ),
    "sv": (
        "Skicka bilder och en skiss av platsen",
        "Fråga kommunen vilka tillstånd som behövs",
        "Boka ett rum till rådgivningsmötet",
    ),
}


def _at(hub: Hub, days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(hub.timezone))


def _meeting(initiative: Initiative, kind: str, when: datetime, people: list[User], steward: User) -> Meeting:
    meeting, created = Meeting.objects.get_or_create(
        initiative=initiative,
        kind=kind,
        defaults={
            "hub": initiative.hub,
            "scheduled_at": when,
            "location": "https://meet.example.org/allmenning-demo",
            "agenda": "1. The idea in ten minutes\n2. Questions\n3. Who could help?",
            "created_by": steward,
        },
    )
    if created:
        meeting.participants.set({p.pk: p for p in [initiative.owner, *people]}.values())
    return meeting


def _task(hub: Hub, title: str, assignee: User, creator: User, **fields: Any) -> Task:
    task, _created = Task.objects.get_or_create(
        hub=hub, title=title, assignee=assignee, defaults={"created_by": creator, **fields}
    )
    return task


def _note(user: User, hub: Hub | None, title: str, body: str, url: str, read: bool, kind: str) -> None:
    if Notification.objects.filter(recipient=user, title=title).exists():
        return
    Notification.objects.create(
        recipient=user,
        hub=hub,
        title=title,
        body=body,
        url=url,
        kind=kind,
        read_at=timezone.now() if read else None,
        emailed_at=timezone.now(),
    )


@transaction.atomic
def seed(*, stdout: Any) -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith=".demo")}
    hubs = {h.slug: h for h in Hub.objects.filter(slug__in=["oslo", "sodertorn"])}
    if "oslo" not in hubs or "steward@oslo.demo" not in users:
        stdout.write("Follow-up demo skipped: run the hubs demo first.")
        return
    oslo = hubs["oslo"]
    steward, member = users["steward@oslo.demo"], users["member@oslo.demo"]
    lead = users.get("ingrid@oslo.demo", steward)
    today = timezone.localdate()
    count = 0
    for slug, hub in hubs.items():
        hub_steward = steward if slug == "oslo" else users.get("steward@sodertorn.demo")
        if hub_steward is None:
            continue
        advisers = (
            [users[e] for e in ("erik@oslo.demo", "lars@oslo.demo") if e in users]
            if slug == "oslo"
            else [users[e] for e in ("per@sodertorn.demo", "elin@sodertorn.demo") if e in users]
        )
        language = "sv" if slug == "sodertorn" else "nb"
        photos, permits, room = TASKS[language]
        ideas = list(
            Initiative.objects.filter(hub=hub, status=Initiative.Status.IDEA).order_by("created_at", "pk")[:2]
        )
        for index, idea in enumerate(ideas):
            if index == 0:
                held = _meeting(
                    idea, Meeting.Kind.CLARIFICATION, _at(hub, -9, 10), [hub_steward], hub_steward
                )
                if not held.minutes:
                    Meeting.objects.filter(pk=held.pk).update(
                        minutes=MINUTES[language],
                        minutes_recorded_at=timezone.now(),
                        minutes_recorded_by=hub_steward,
                    )
                owner = idea.owner
                _task(
                    hub,
                    photos,
                    owner,
                    hub_steward,
                    initiative=idea,
                    meeting=held,
                    due_on=today + timedelta(days=5),
                )
                _task(
                    hub,
                    permits,
                    advisers[0] if advisers else hub_steward,
                    hub_steward,
                    initiative=idea,
                    meeting=held,
                    due_on=today + timedelta(days=10),
                )
                _task(
                    hub,
                    room,
                    hub_steward,
                    hub_steward,
                    initiative=idea,
                    meeting=held,
                    status=Task.Status.DONE,
                    done_at=timezone.now(),
                    due_on=today - timedelta(days=3),
                )
                _meeting(idea, Meeting.Kind.ADVISORY, _at(hub, 5, 14), [hub_steward, *advisers], hub_steward)
            else:
                _meeting(idea, Meeting.Kind.CLARIFICATION, _at(hub, 2, 9), [hub_steward], hub_steward)
            count += 1
    # Tasks for the Oslo demo member and steward: one overdue, one due soon, one done.
    first_idea = Initiative.objects.filter(hub=oslo).order_by("created_at", "pk").first()
    for person in (member, steward):
        _task(
            oslo,
            "Skriv en kort status til nyhetsbrevet",
            person,
            lead,
            initiative=first_idea,
            due_on=today - timedelta(days=2),
        )
        _task(
            oslo,
            "Inviter naboene til neste verksted",
            person,
            lead,
            initiative=first_idea,
            due_on=today + timedelta(days=1),
            status=Task.Status.DOING,
        )
        _task(
            oslo,
            "Del referatet med arbeidsgruppa",
            person,
            lead,
            due_on=today - timedelta(days=7),
            status=Task.Status.DONE,
            done_at=timezone.now(),
        )
    # A few notifications (some unread).
    upcoming = (
        Meeting.objects.filter(hub=oslo, scheduled_at__gte=timezone.now()).order_by("scheduled_at").first()
    )
    for person in (member, steward, lead):
        _note(
            person,
            oslo,
            "Ny oppgave: Inviter naboene til neste verksted",
            "Kari Nordmann har gitt deg en oppgave i Pådriv Oslo.",
            "/me/tasks/",
            False,
            "task",
        )
        _note(
            person,
            oslo,
            "Velkommen til Pådriv Oslo!",
            "Søknaden din er godkjent. Du er nå medlem.",
            "/oslo/",
            True,
            "general",
        )
        if upcoming is not None:
            _note(
                person,
                oslo,
                f"Invitasjon til møte: {upcoming.initiative.title}",
                "Du er invitert til et møte.",
                upcoming.get_absolute_url(),
                False,
                "meeting",
            )
    stdout.write(f"Follow-up: meetings and tasks for {count} demo ideas.")
