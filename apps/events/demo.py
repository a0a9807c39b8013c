# ruff: noqa: E501 - demo texts and the table of events read best on one line each
"""Demo data: past and coming events in Oslo and Södertörn (and the new hub Tønsberg if it
exists), registrations with a waiting list, and minutes with action points on a past event.
Idempotent: events are found by hub and title; registrations and action points are added once."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from apps.accounts.models import User
from apps.events import services
from apps.events.models import ActionPoint, Event, Registration
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative

MINUTES = (
    "## Til stede\n\nNettverksleder, to fra styringsgruppa og tolv naboer.\n\n"
    "## Hva vi hørte\n\n- Torget mangler sitteplasser og skygge.\n- Barn vil ha et sted å leke.\n\n"
    "## Vi ble enige om\n\n- Et verksted om grønne gårdsrom.\n- Å spørre kommunen om midlertidig bruk."
)


def _at(zone: str, day: datetime, hour: int) -> datetime:
    return day.replace(hour=hour, minute=0, second=0, microsecond=0, tzinfo=ZoneInfo(zone))


def seed(*, stdout: Any) -> None:
    now = timezone.now()
    today = now.astimezone(ZoneInfo("Europe/Oslo")).replace(tzinfo=None)
    summer = datetime(today.year + (1 if today.month >= 6 else 0), 7, 14)  # noqa: DTZ001 - zone added by _at
    emails = [
        "ingrid@oslo.demo",
        "steward@oslo.demo",
        "member@oslo.demo",
        "lars@oslo.demo",
        "sofie@oslo.demo",
        "mari@oslo.demo",
        "erik@oslo.demo",
        "nadia@oslo.demo",
        "jonas@oslo.demo",
        "steward@sodertorn.demo",
        "member@sodertorn.demo",
        "per@sodertorn.demo",
        "elin@sodertorn.demo",
        "mohammed@sodertorn.demo",
    ]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    hubs = {h.slug: h for h in Hub.objects.filter(slug__in=["oslo", "sodertorn", "tonsberg"])}

    # (hub, title, kind, start day, start hour, hours, location, lat, lon, capacity, organiser, description, initiative slug or None)
    plan: list[tuple[Any, ...]] = [
        ("oslo", "Utforskende møte: Tøyen torg", Event.Kind.EXPLORATORY, today - timedelta(days=21), 18, 2,
         "Tøyen bibliotek", 59.9149, 10.7760, None, "ingrid@oslo.demo",
         "Hva trenger torget? Vi lytter til naboene før vi planlegger noe.", None),
        ("oslo", "Verksted: grønne gårdsrom", Event.Kind.WORKSHOP, today + timedelta(days=9), 17, 3,
         "Grünerløkka frivilligsentral", 59.9225, 10.7589, 20, "steward@oslo.demo",
         "Vi tegner tre gårdsrom sammen med borettslagene. **Ta med** bilder av deres gård.", "gronn-gardsplass-pa-toyen"),
        ("oslo", "Idédag for bilfrie byrom", Event.Kind.IDEA_DAY, today + timedelta(days=23), 10, 6,
         "Deichman Bjørvika", 59.9080, 10.7527, None, "ingrid@oslo.demo",
         "En hel dag med ideer for gater uten biler: lekegater, parkletter og sykkelveier.", None),
        ("oslo", "Realiseringscamp sommer", Event.Kind.CAMP, summer, 9, 3 * 24 + 8,
         "Sagene, Myraløkka", 59.9361, 10.7566, 3, "steward@oslo.demo",
         "Tre dager der vi bygger benker, plantekasser og en scene av gjenbruksmaterialer.", "gronn-gardsplass-pa-toyen"),
        ("sodertorn", "Workshop: data per basområde", Event.Kind.WORKSHOP, today - timedelta(days=12), 13, 3,
         "Huddinge kommunhus", 59.2365, 17.9819, 25, "steward@sodertorn.demo",
         "Vi tolkar indikatorerna tillsammans med planerarna.", None),
        ("sodertorn", "Idédag: gröna stråk över kommungränser", Event.Kind.IDEA_DAY, today + timedelta(days=16), 10, 5,
         "Tyresö bibliotek", 59.2440, 18.2290, 40, "steward@sodertorn.demo",
         "Bin bryr sig inte om kommungränser. Vilka stråk ska vi binda ihop?", None),
        ("sodertorn", "Utforskande möte i Fittja", Event.Kind.EXPLORATORY, today + timedelta(days=6), 18, 2,
         "Fittja bibliotek", 59.2468, 17.8610, None, "steward@sodertorn.demo",
         "Vad vill Fittjaborna med torget?", None),
        ("tonsberg", "Utforskende møte: en hub for Tønsberg", Event.Kind.EXPLORATORY, today + timedelta(days=12), 18, 2,
         "Tønsberg bibliotek", 59.2676, 10.4076, 60, None,
         "Vi møtes for å finne ut om Tønsberg skal ha sin egen hub, og hvem som vil være med.", None),
        # The finished initiatives were opened with a party.
        ("oslo", "Åpning: benkene i Gamle Oslo", Event.Kind.OTHER, today - timedelta(days=94), 16, 2,
         "Gamle Oslo, ved lekeplassen", 59.9070, 10.7680, None, "erik@oslo.demo",
         "Vi setter oss på de tolv nye benkene sammen, med kaffe og boller. Takk til alle som snekret!", "benker-av-gjenbrukt-tre-i-gamle-oslo"),
        ("sodertorn", "Invigning av ängarna i Tyresö", Event.Kind.OTHER, today - timedelta(days=70), 14, 2,
         "Tyresö, ängen vid Alby", 59.2440, 18.2290, None, "member@sodertorn.demo",
         "Vi går en tur genom de nya ängarna och räknar bin tillsammans.", "pollinerande-angar-i-tyreso"),
    ]  # fmt: skip
    created = 0
    events: dict[str, Event] = {}
    for (
        hub_slug,
        title,
        kind,
        day,
        hour,
        hours,
        location,
        lat,
        lon,
        capacity,
        organiser,
        text,
        initiative_slug,
    ) in plan:
        hub = hubs.get(hub_slug)
        if hub is None:
            continue
        start = _at(hub.timezone or "Europe/Oslo", day, hour)
        initiative = (
            Initiative.objects.filter(hub=hub, slug=initiative_slug).first() if initiative_slug else None
        )
        event, was_created = Event.objects.get_or_create(
            hub=hub,
            title=title,
            defaults={
                "initiative": initiative,
                "kind": kind,
                "starts_at": start,
                "ends_at": start + timedelta(hours=hours),
                "location": location,
                "lat": lat,
                "lon": lon,
                "capacity": capacity,
                "organiser": users.get(organiser) if organiser else None,
                "description": text,
            },
        )
        created += was_created
        events[title] = event

    def sign_up(title: str, people: list[str]) -> None:
        event = events.get(title)
        if event is None or Registration.objects.filter(event=event).exists():
            return
        for email in people:
            if email not in users:
                continue
            if event.ends_at < now:
                position = Registration.objects.filter(event=event).count() + 1
                Registration.objects.create(
                    event=event, user=users[email], status="confirmed", position=position
                )
            else:
                services.register(event=event, user=users[email])

    sign_up(
        "Utforskende møte: Tøyen torg",
        ["member@oslo.demo", "lars@oslo.demo", "nadia@oslo.demo", "mari@oslo.demo"],
    )
    sign_up("Verksted: grønne gårdsrom", ["member@oslo.demo", "lars@oslo.demo", "sofie@oslo.demo"])
    sign_up("Idédag for bilfrie byrom", ["mari@oslo.demo", "erik@oslo.demo"])
    # Capacity 3, five people: two on the waiting list.
    sign_up(
        "Realiseringscamp sommer",
        ["lars@oslo.demo", "member@oslo.demo", "nadia@oslo.demo", "jonas@oslo.demo", "sofie@oslo.demo"],
    )
    sign_up(
        "Workshop: data per basområde", ["per@sodertorn.demo", "member@sodertorn.demo", "elin@sodertorn.demo"]
    )
    sign_up("Idédag: gröna stråk över kommungränser", ["elin@sodertorn.demo", "mohammed@sodertorn.demo"])
    sign_up(
        "Åpning: benkene i Gamle Oslo",
        ["erik@oslo.demo", "lars@oslo.demo", "nadia@oslo.demo", "member@oslo.demo"],
    )
    sign_up("Invigning av ängarna i Tyresö", ["member@sodertorn.demo", "elin@sodertorn.demo"])

    past = events.get("Utforskende møte: Tøyen torg")
    lead = users.get("ingrid@oslo.demo")
    if past is not None and lead is not None and not past.minutes:
        services.minutes_record(event=past, actor=lead, minutes=MINUTES)
    if past is not None and lead is not None and not ActionPoint.objects.filter(event=past).exists():
        for title, email, days in [
            ("Book lokale til verkstedet om grønne gårdsrom", "steward@oslo.demo", 7),
            ("Spør kommunen om midlertidig bruk av torget", "member@oslo.demo", 14),
        ]:
            services.action_point_add(
                event=past,
                actor=lead,
                title=title,
                assignee=users.get(email),
                due_on=(now + timedelta(days=days)).date(),
            )
    stdout.write(f"Events: {created} new, {len(events)} in the demo.")
