# ruff: noqa: E501 - demo texts read best one per line
"""Demo initiatives for `manage.py seed_demo` (after places and goals, before processes).
Idempotent: initiatives are found again by their slug, and what hangs off them by its text.

Oslo has no areas, so its initiatives have no area; Södertörn's areas (the DDF import) give
each of its initiatives one.
"""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.goals.models import GoalTag, HubGoal, SdgGoal
from apps.hubs.models import Hub
from apps.initiatives.geo import locate
from apps.initiatives.models import (
    Follow,
    Initiative,
    InitiativeUpdate,
    Permit,
    PermitStatus,
    TeamMember,
    TeamRole,
)


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _box(lon: float, lat: float, dlon: float, dlat: float) -> dict[str, Any]:
    ring = [
        [lon - dlon, lat - dlat],
        [lon + dlon, lat - dlat],
        [lon + dlon, lat + dlat],
        [lon - dlon, lat + dlat],
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


# (slug, title, summary, description, status, owner, team [(e-mail, role)], place, goals
#  (hub goal codes or UN goal numbers), updates [(title, body)], followers, permits
#  [(what, authority, status, applied days ago, decided days ago, decision)])
INITIATIVES: dict[str, list[dict[str, Any]]] = {
    "oslo": [
        {
            "slug": "gronn-gardsplass-pa-toyen",
            "title": "Grønn gårdsplass på Tøyen",
            "summary": "Asfalten ut, plantene inn: en felles grønn gårdsplass for tre kvartaler på Tøyen.",
            "description": (
                "Gården bak Hagegata er grå asfalt der søppeldunkene står.\n\n"
                "Vi vil **åpne den opp**, plante stauder og fruktbusker og bygge dyrkekasser "
                "som naboene deler.\n\n- Nå: stem på et av tre konsepter\n- Vår: grave opp og plante\n"
                "- Sommer: realiseringsleir og høstfest"
            ),
            "status": "active",
            "owner": "lars@oslo.demo",
            "team": [("nadia@oslo.demo", "lead"), ("member@oslo.demo", "member")],
            "place": _box(10.7717, 59.9146, 0.0008, 0.0004),
            "goals": ["green-biodiversity", 15],
            "updates": [
                ("Borettslaget sa ja", "Styret i borettslaget godkjente planen på tirsdag."),
                (
                    "Tre konsepter å stemme over",
                    "Arkitektstudentene har tegnet tre konsepter ut fra innspillene. Avstemningen er åpen – si hva du mener!",
                ),
            ],
            "followers": ["steward@oslo.demo", "sofie@oslo.demo", "erik@oslo.demo"],
            "permits": [
                ("Samtykke fra borettslaget", "Tøyen borettslag", "approved", 90, 60, "Godkjent."),
                ("Tillatelse til å fjerne asfalt", "Plan- og bygningsetaten", "not_applied", None, None, ""),
            ],
        },
        {
            "slug": "lekegate-i-sagene",
            "title": "Lekegate i Sagene",
            "summary": "Lekegate i sidegatene til Sandakerveien hver søndag ettermiddag.",
            "description": "Vi stenger gata for biler søndag ettermiddag, så barna kan leke trygt.",
            "status": "active",
            "owner": "member@oslo.demo",
            "team": [("jonas@oslo.demo", "lead")],
            "place": _box(10.7535, 59.9375, 0.0012, 0.0003),
            "goals": ["everyone-takes-part", 11],
            "updates": [("Underskriftene er samlet inn", "78 % av husstandene i gata skrev under.")],
            "followers": ["mari@oslo.demo", "board@oslo.demo"],
            "permits": [
                ("Tillatelse til lekegate", "Bymiljøetaten", "applied", 30, None, ""),
                ("Skilt og sperringer", "Bymiljøetaten", "not_applied", None, None, ""),
            ],
        },
        {
            "slug": "gjenbruksstasjon-pa-grunerlokka",
            "title": "Gjenbruksstasjon på Grünerløkka",
            "summary": "En liten gjenbruksstasjon der naboer bytter møbler, verktøy og klær.",
            "description": "Lever det du ikke trenger, ta med det du trenger. Åpent tre dager i uka.",
            "status": "idea",
            "owner": "sofie@oslo.demo",
            "team": [],
            "place": _point(10.7590, 59.9236),
            "goals": ["climate-2030", 12],
            "updates": [],
            "followers": ["lars@oslo.demo"],
            "permits": [],
        },
        {
            "slug": "benker-av-gjenbrukt-tre-i-gamle-oslo",
            "title": "Benker av gjenbrukt tre i Gamle Oslo",
            "summary": "Tolv benker bygget av tømmer berget fra en revet skole.",
            "description": "Bygget på helgeverksteder med ungdom fra nabolaget. Benkene ble åpnet med kaffe og boller.",
            "status": "completed",
            "owner": "erik@oslo.demo",
            "team": [("lars@oslo.demo", "member")],
            "place": _point(10.7680, 59.9070),
            "goals": ["climate-2030"],
            "updates": [("Alle tolv benkene er på plass", "Kom og sett deg!")],
            "followers": ["steward@oslo.demo", "member@oslo.demo", "nadia@oslo.demo", "jonas@oslo.demo"],
            "permits": [
                ("Plassering av benker på kommunal grunn", "Bymiljøetaten", "approved", 200, 170, "Godkjent.")
            ],
        },
        {
            "slug": "pollinatorpassasje-langs-akerselva",
            "title": "Pollinatorpassasje langs Akerselva",
            "summary": "Blomsterenger og biehoteller langs elva for villbier.",
            "description": "En kjede av små blomsterenger fra Nydalen til Vaterland. Prosjektgruppa er satt sammen; neste steg er å spørre naboene.",
            "status": "active",
            "owner": "nadia@oslo.demo",
            "team": [("sofie@oslo.demo", "member")],
            "place": _point(10.7560, 59.9290),
            "goals": ["green-biodiversity", 15],
            "updates": [],
            "followers": ["erik@oslo.demo"],
            "permits": [],
        },
        {
            "slug": "sykkelverksted-pa-valerenga",
            "title": "Sykkelverksted på Vålerenga",
            "summary": "Et gratis sykkelverksted drevet av frivillige.",
            "description": "Verktøy, reservedeler og hjelp til å fikse din egen sykkel.",
            "status": "paused",
            "owner": "mari@oslo.demo",
            "team": [],
            "place": _point(10.7870, 59.9090),
            "goals": ["climate-2030", 11],
            "updates": [("Pause over vinteren", "Vi åpner igjen i april, når finansieringen er på plass.")],
            "followers": [],
            "permits": [],
        },
        {
            "slug": "nabolagshage-pa-torshov",
            "title": "Nabolagshage på Torshov",
            "summary": "En nabolagshage i hjørnet av Torshovparken.",
            "description": "",
            "status": "idea",
            "owner": "jonas@oslo.demo",
            "team": [],
            "place": _point(10.7660, 59.9350),
            "goals": [],
            "updates": [],
            "followers": [],
            "permits": [],
        },
        {
            "slug": "reparasjonskafe-pa-toyen",
            "title": "Reparasjonskafé på Tøyen",
            "summary": "En gang i måneden reparerer vi ting sammen med nevenyttige naboer.",
            "description": "",
            "status": "idea",
            "owner": "board@oslo.demo",
            "team": [],
            "place": _point(10.7740, 59.9160),
            "goals": ["climate-2030"],
            "updates": [],
            "followers": ["member@oslo.demo"],
            "permits": [],
        },
    ],
    "sodertorn": [
        {
            "slug": "odlingslotter-i-fittja",
            "title": "Odlingslotter i Fittja",
            "summary": "Odlingslotter för familjer på Fittjas gårdar.",
            "description": "Fyrtio odlingslotter, ett redskapsförråd och en kurs i grönsaksodling.",
            "status": "active",
            "owner": "elin@sodertorn.demo",
            "team": [("member@sodertorn.demo", "lead")],
            "place": _point(17.8607, 59.2470),
            "goals": ["green-300", 2],
            "updates": [("Lotterna är fördelade", "Alla fyrtio lotter har en odlare.")],
            "followers": ["steward@sodertorn.demo", "per@sodertorn.demo"],
            "permits": [("Markupplåtelseavtal", "Botkyrka kommun", "approved", 120, 80, "Avtal på 5 år.")],
        },
        {
            "slug": "grona-straket-huddinge-tyreso",
            "title": "Gröna stråket Huddinge–Tyresö",
            "summary": "Ett grönt promenadstråk som binder ihop Huddinge och Tyresö över kommungränsen.",
            "description": "Bin bryr sig inte om kommungränser — det ska inte de gröna stråken heller göra. Stråket invigdes i somras och sköts nu av grannarna.",
            "status": "active",
            "owner": "per@sodertorn.demo",
            "team": [("elin@sodertorn.demo", "member")],
            "place": _box(18.02, 59.235, 0.01, 0.004),
            "goals": ["green-300", 15],
            "updates": [],
            "followers": ["board@sodertorn.demo"],
            "permits": [
                (
                    "Stråk genom naturreservatet",
                    "Länsstyrelsen i Stockholms län",
                    "approved",
                    200,
                    150,
                    "Beviljat.",
                ),
            ],
        },
        {
            "slug": "motesplats-i-hallunda",
            "title": "Mötesplats i Hallunda",
            "summary": "En mötesplats med tak vid Hallunda torg för unga och gamla.",
            "description": "",
            "status": "idea",
            "owner": "mohammed@sodertorn.demo",
            "team": [],
            "place": _point(17.8250, 59.2430),
            "goals": ["social-neighbourhoods"],
            "updates": [],
            "followers": [],
            "permits": [],
        },
        {
            "slug": "cykelvag-till-haninge-centrum",
            "title": "Cykelväg till Haninge centrum",
            "summary": "En säker cykelväg från Vendelsö till Haninge centrum.",
            "description": "",
            "status": "active",
            "owner": "per@sodertorn.demo",
            "team": [],
            "place": _point(18.1380, 59.1680),
            "goals": [11, 13],
            "updates": [("Vi samlar in synpunkter", "Var behöver cykelvägen gå? Berätta på kartan.")],
            "followers": ["mohammed@sodertorn.demo"],
            "permits": [("Tillstånd för vägarbete", "Haninge kommun", "not_applied", None, None, "")],
        },
        {
            "slug": "pollinerande-angar-i-tyreso",
            "title": "Pollinerande ängar i Tyresö",
            "summary": "Klippta gräsmattor har blivit blommande ängar.",
            "description": "",
            "status": "completed",
            "owner": "member@sodertorn.demo",
            "team": [],
            "place": _point(18.2290, 59.2440),
            "goals": ["green-300"],
            "updates": [],
            "followers": ["elin@sodertorn.demo"],
            "permits": [],
        },
        {
            "slug": "ungdomens-torg-i-sodertalje",
            "title": "Ungdomens torg i Södertälje",
            "summary": "Unga formger torget framför biblioteket.",
            "description": "",
            "status": "idea",
            "owner": "board@sodertorn.demo",
            "team": [],
            "place": _point(17.6270, 59.1960),
            "goals": ["employment", "social-neighbourhoods"],
            "updates": [],
            "followers": [],
            "permits": [],
        },
    ],
}


def _users(emails: set[str]) -> dict[str, User]:
    return {u.email: u for u in User.objects.filter(email__in=emails)}


@transaction.atomic
def seed(*, stdout: Any) -> None:
    emails: set[str] = set()
    for specs in INITIATIVES.values():
        for spec in specs:
            emails.add(spec["owner"])
            emails.update(e for e, _r in spec["team"])
            emails.update(spec["followers"])
    users = _users(emails)
    content_type = ContentType.objects.get_for_model(Initiative)
    today = timezone.localdate()
    created = 0
    for hub_slug, specs in INITIATIVES.items():
        hub = Hub.objects.filter(slug=hub_slug).first()
        if hub is None:
            continue
        for spec in specs:
            owner = users.get(spec["owner"])
            if owner is None:
                continue
            try:
                place = locate(hub, spec["place"])
            except ValidationError:
                stdout.write(
                    f"  initiatives: {spec['slug']} is outside {hub.slug}'s areas; saved without a place"
                )
                place = None
            initiative, was_created = Initiative.objects.get_or_create(
                hub=hub,
                slug=spec["slug"],
                defaults={
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "description": spec["description"],
                    "status": spec["status"],
                    "owner": owner,
                    "place": place.geometry if place else None,
                    "lon": place.lon if place else None,
                    "lat": place.lat if place else None,
                    "area": place.area if place else None,
                },
            )
            created += was_created
            TeamMember.objects.get_or_create(
                initiative=initiative, user=owner, defaults={"role": TeamRole.OWNER}
            )
            for email, role in spec["team"]:
                if email in users:
                    TeamMember.objects.get_or_create(
                        initiative=initiative, user=users[email], defaults={"role": role}
                    )
            for email in [spec["owner"], *spec["followers"], *(e for e, _r in spec["team"])]:
                if email in users:
                    Follow.objects.get_or_create(initiative=initiative, user=users[email])
            for title, body in spec["updates"]:
                InitiativeUpdate.objects.get_or_create(
                    initiative=initiative, title=title, defaults={"body": body, "author": owner}
                )
            for what, authority, status, applied, decided, decision in spec["permits"]:
                Permit.objects.get_or_create(
                    initiative=initiative,
                    what=what,
                    defaults={
                        "authority": authority,
                        "status": PermitStatus(status),
                        "applied_on": today - datetime.timedelta(days=applied) if applied else None,
                        "decided_on": today - datetime.timedelta(days=decided) if decided else None,
                        "decision": decision,
                    },
                )
            for goal in spec["goals"]:
                lookup: dict[str, Any]
                if isinstance(goal, int):
                    sdg = SdgGoal.objects.filter(number=goal).first()
                    if sdg is None:
                        continue
                    lookup = {"sdg_goal": sdg}
                else:
                    hub_goal = HubGoal.objects.filter(hub=hub, code=goal).first()
                    if hub_goal is None:
                        continue
                    lookup = {"hub_goal": hub_goal}
                GoalTag.objects.get_or_create(
                    content_type=content_type, object_id=initiative.pk, hub=hub, **lookup
                )
    stdout.write(f"  initiatives: {created} created")
