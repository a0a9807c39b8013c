# ruff: noqa: E501 - demo texts read best on one line each
"""Demo data: a value-creating dialogue in Södertörn about Fittja gård (a real basområde from
the DDF import) between Botkyrka kommun, a landowner and a developer, with values of three
kinds tagged with UN targets, two meetings, next steps as tasks, and part of it published.

Called by seed_demo after knowledge, goals and the people and organisations are in place.
Idempotent: a second run finds the dialogue by its title and changes nothing."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.dialogues import services
from apps.dialogues.models import Dialogue
from apps.followup import services as followup_services
from apps.goals.models import HubGoal, SdgTarget
from apps.hubs.models import Hub
from apps.organisations.models import Organisation, Representative
from apps.places.models import Area

TITLE = "Fittja torg och kvarteren runt omkring"
AREA_CODE = "5110320_fittja_gard"
LEAD = "steward@sodertorn.demo"
DEVELOPER_REP = "mohammed@sodertorn.demo"

# (name, org. number, type): organisations the dialogue needs besides the hub's partners.
ORGANISATIONS = [
    ("Botkyrka kommun", "2120000142", "public"),
    ("Fittja Fastigheter AB", "5569999906", "private"),
]

SUMMARY = "Tidig dialog mellan Botkyrka kommun, fastighetsägaren och en byggaktör om hur torget i Fittja och kvarteren runt det kan utvecklas, och vad det kan ge var och en av parterna."
CONDITIONS = "- Detaljplanen från 1970-talet medger inte bostäder i bottenvåningarna.\n- Dagvattnet svämmar över vid kraftiga skyfall.\n- Lokalerna kring torget har hög vakansgrad."
GOALS = "- Ett tryggt och levande torg hela dagen\n- Grönyta inom 300 meter för alla boende\n- Lokala jobb under och efter bygget"
SOLUTIONS = "1. **Blandade bottenvåningar** med förskola, kafé och mötesplats.\n2. **Regnbäddar och gröna tak** som tar hand om dagvattnet.\n3. **Lokal upphandling** med sommarjobb för unga i Fittja."
PRIVATE_NOTES = "Fastighetsägaren vill inte att hyresnivåerna diskuteras offentligt ännu."

# (party: organisation name, kind, description, UN targets, hub goal codes)
VALUES = [
    (
        "Fittja Fastigheter AB",
        "economic",
        "Lägre vakansgrad i lokalerna kring torget och ett högre fastighetsvärde när torget blir en plats man stannar på.",
        ["11.3", "8.3"],
        [],
    ),
    (
        "Botkyrka kommun",
        "ecological",
        "Regnbäddar och gröna tak tar hand om dagvattnet, och alla boende får grönyta inom 300 meter.",
        ["11.7", "13.1"],
        ["green-300"],
    ),
    (
        "Haninge Bygg AB",
        "social",
        "Sommarjobb och lärlingsplatser för unga i Fittja under bygget, och en tryggare väg till tunnelbanan.",
        ["8.6", "11.7"],
        [],
    ),
]

# (title, assignee e-mail, days from today, status)
NEXT_STEPS = [
    ("Ta fram underlag om dagvatten och grönytor kring torget", LEAD, 14, "doing"),
    ("Skissa tre alternativ för bottenvåningarna", DEVELOPER_REP, 30, "open"),
]

PUBLISHED = ["summary", "goals", "values", "organisations", "next_steps"]


def _organisation(name: str, number: str, org_type: str) -> Organisation:
    organisation = Organisation.objects.filter(country="SE", org_number=number).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-").replace("ö", "o").replace("ä", "a").replace("å", "a"),
            type=org_type,
            country="SE",
            org_number=number,
            description=f"{name} deltar i en värdeskapande dialog i Södertörn.",
        )
    return organisation


@transaction.atomic
def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="sodertorn").first()
    if hub is None or Dialogue.objects.filter(hub=hub, title=TITLE).exists():
        return
    area = Area.objects.filter(hub=hub, code=AREA_CODE).first()
    lead = User.objects.filter(email=LEAD).first()
    developer_rep = User.objects.filter(email=DEVELOPER_REP).first()
    developer = Organisation.objects.filter(name="Haninge Bygg AB").first()
    if area is None or lead is None or developer_rep is None or developer is None:
        stdout.write("  dialogues: Södertörn's areas, people or partners are missing; no dialogue seeded")
        return
    municipality, landowner = (_organisation(*spec) for spec in ORGANISATIONS)
    Representative.objects.get_or_create(organisation=municipality, user=lead)

    dialogue = services.dialogue_create(
        hub=hub,
        actor=lead,
        title=TITLE,
        area=area,
        stage=Dialogue.Stage.PROGRAMME,
        summary=SUMMARY,
        conditions=CONDITIONS,
        goals=GOALS,
        solutions=SOLUTIONS,
        private_notes=PRIVATE_NOTES,
    )
    parties = {
        "Botkyrka kommun": services.participant_add(
            dialogue=dialogue, actor=lead, role="municipality", user=lead, organisation=municipality
        ),
        "Fittja Fastigheter AB": services.participant_add(
            dialogue=dialogue, actor=lead, role="landowner", organisation=landowner
        ),
        "Haninge Bygg AB": services.participant_add(
            dialogue=dialogue, actor=lead, role="developer", organisation=developer
        ),
    }
    today = timezone.localdate()
    services.meeting_add(
        dialogue=dialogue,
        actor=lead,
        held_on=today - timedelta(days=40),
        notes="Första mötet på Fittja bibliotek. Parterna beskrev sina utgångslägen.",
    )
    services.meeting_add(
        dialogue=dialogue,
        actor=lead,
        held_on=today - timedelta(days=12),
        notes="Platsvandring runt torget. Enighet om att dagvattnet måste lösas först.",
    )
    targets = {t.code: t for t in SdgTarget.objects.filter(code__in={c for v in VALUES for c in v[3]})}
    goals = {g.code: g for g in HubGoal.objects.filter(hub=hub)}
    for party, kind, description, target_codes, goal_codes in VALUES:
        services.value_add(
            dialogue=dialogue,
            actor=lead,
            participant=parties[party],
            kind=kind,
            description=description,
            sdg_targets=[targets[c] for c in target_codes if c in targets],
            hub_goals=[goals[c] for c in goal_codes if c in goals],
        )
    people = {u.email: u for u in (lead, developer_rep)}
    for title, email, days, status in NEXT_STEPS:
        step = services.next_step_add(
            dialogue=dialogue,
            actor=lead,
            title=title,
            assignee=people[email],
            due_on=today + timedelta(days=days),
        )
        if status != "open":
            followup_services.task_set_status(task=step.task, actor=people[email], status=status)
    services.publication_set(dialogue=dialogue, actor=lead, parts=PUBLISHED)
    stdout.write(f"  dialogues: {TITLE} ({area.name}), partly published")
