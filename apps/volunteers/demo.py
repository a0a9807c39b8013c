"""Demo data: the realisation camp of "Grønn gårdsplass på Tøyen" in Pådriv Oslo — three roles,
six shifts over a weekend some weeks ahead (some full with a waiting list, some open), and the
hours of an earlier dugnad, logged and confirmed, which show in the initiative's financing plan.

Written through the services where they allow it. The earlier dugnad lies in the past, which the
services rightly refuse to create or sign up for, so its shift and sign-ups are written directly
(the hours then go through `hours_log` / `hours_confirm`, which keep the financing plan right).
Idempotent: an initiative that already has shifts is left as it is."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from apps.accounts.models import Competence, User
from apps.initiatives.models import Initiative
from apps.volunteers import services
from apps.volunteers.models import Shift, Signup, VolunteerRole

HUB = "oslo"
INITIATIVE = "gronn-gardsplass-pa-toyen"
OWNER = "lars@oslo.demo"
LEAD = "nadia@oslo.demo"

ROLES = [
    (
        "Bygger",
        "Bygg plantekasser og benker av gjenbrukt treverk. Vi har verktøy; ta med arbeidshansker.",
        ["carpentry"],
    ),
    (
        "Planter",
        "Grav ut asfaltflekker, fyll jord og plant stauder og bærbusker.",
        ["gardening", "landscape"],
    ),
    (
        "Vert",
        "Ta imot naboer og frivillige, hold orden på kaffe, lister og spørsmål.",
        ["communication", "facilitation"],
    ),
]

# (role, day 0 = Saturday / 1 = Sunday, start hour, hours, place, capacity, people signed up)
SHIFTS = [
    ("Bygger", 0, 9, 4, "Gårdsplassen bak Hagegata 22", 4, 6),  # full, two waiting
    ("Planter", 0, 10, 4, "Gårdsplassen bak Hagegata 22", 6, 3),
    ("Vert", 0, 9, 3, "Porten mot Hagegata", 2, 3),  # full, one waiting
    ("Bygger", 1, 10, 4, "Gårdsplassen bak Hagegata 22", 4, 2),
    ("Planter", 1, 11, 4, "Gårdsplassen bak Hagegata 22", 6, 6),  # exactly full
    ("Vert", 1, 12, 3, "Porten mot Hagegata", 2, 0),
]

# The earlier dugnad (three weeks ago): who came and their hours; the last one's hours wait
# for the team's confirmation.
DUGNAD_HOURS = [("3.5", True), ("4", True), ("4", True), ("2.5", True), ("3", False)]


def _saturday_ahead(today: date, weeks: int) -> date:
    return today + timedelta(days=(5 - today.weekday()) % 7 + 7 * weeks)


def seed(*, stdout: Any) -> None:
    initiative = Initiative.objects.select_related("hub").filter(hub__slug=HUB, slug=INITIATIVE).first()
    people = {u.email: u for u in User.objects.filter(email__in=[OWNER, LEAD])}
    residents = list(
        User.objects.filter(email__startswith="resident", email__endswith="@oslo.demo").order_by("email")
    )
    if initiative is None or OWNER not in people or LEAD not in people or len(residents) < 20:
        return
    if Shift.objects.filter(initiative=initiative).exists():
        return
    owner, lead, hub = people[OWNER], people[LEAD], initiative.hub
    zone = hub.zone
    competences = {c.slug: c for c in Competence.objects.all()}
    roles: dict[str, VolunteerRole] = {}
    for name, description, skills in ROLES:
        roles[name] = services.role_create(
            initiative=initiative,
            actor=owner,
            name=name,
            description=description,
            skills=[competences[s] for s in skills if s in competences],
        )

    # The camp, a weekend about four weeks ahead.
    saturday = _saturday_ahead(timezone.localdate(timezone=zone), 4)
    queue = iter(residents)
    for role, day, hour, hours, place, capacity, signed_up in SHIFTS:
        starts = datetime.combine(saturday + timedelta(days=day), time(hour), tzinfo=zone)
        shift = services.shift_create(
            role=roles[role],
            actor=owner,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            place=place,
            capacity=capacity,
        )
        for _ in range(signed_up):
            services.sign_up(shift=shift, user=next(queue, residents[0]), waiting_list=True)

    # The earlier dugnad, three weeks ago, with its hours logged and (mostly) confirmed.
    past_day = _saturday_ahead(timezone.localdate(timezone=zone), 0) - timedelta(days=21)
    starts = datetime.combine(past_day, time(10), tzinfo=zone)
    dugnad = Shift.objects.create(
        hub=hub,
        initiative=initiative,
        role=roles["Planter"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        place="Gårdsplassen bak Hagegata 22",
        capacity=len(DUGNAD_HOURS),
        confirmed_count=len(DUGNAD_HOURS),
    )
    came = residents[-len(DUGNAD_HOURS) :]
    for position, person in enumerate(came, start=1):
        Signup.objects.create(shift=dugnad, user=person, status=Signup.Status.CONFIRMED, position=position)
    for person, (logged, confirmed) in zip(came, DUGNAD_HOURS, strict=True):
        log = services.hours_log(shift=dugnad, actor=person, volunteer=person, hours=logged, note="Dugnad")
        if confirmed:
            services.hours_confirm(log=log, actor=lead)
    stdout.write(f"  volunteers: {len(SHIFTS)} shifts for the camp, hours of one dugnad in the plan\n")
