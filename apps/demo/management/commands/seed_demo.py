"""Seed a living demo: a Södertörn hub and an Oslo hub with stewards, members, partners and
working groups. Idempotent: running it twice changes nothing the second time."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from apps.accounts.models import Competence, Profile, User
from apps.agreements import demo as agreements_demo
from apps.consolidation import demo as consolidation_demo
from apps.dashboards import demo as dashboards_demo
from apps.demo import pictures as pictures_demo
from apps.dialogues import demo as dialogues_demo
from apps.establishment import demo as establishment_demo
from apps.events import demo as events_demo
from apps.followup import demo as followup_demo
from apps.funding import demo as funding_demo
from apps.goals import demo as goals_demo
from apps.governance import demo as governance_demo
from apps.hubs.models import ApplicationStatus, Hub, Membership, Partnership, WorkingGroup, WorkingGroupMember
from apps.initiatives import demo as initiatives_demo
from apps.knowledge import demo as knowledge_demo
from apps.library import demo as library_demo
from apps.mapinput import demo as mapinput_demo
from apps.matching import demo as matching_demo
from apps.organisations.models import Organisation, Representative
from apps.organisations.validators import is_valid_norwegian, is_valid_swedish
from apps.participation import demo as participation_demo
from apps.partners import demo as partners_demo
from apps.places import demo as places_demo
from apps.privacy import demo as privacy_demo
from apps.processes import demo as processes_demo
from apps.residents import demo as residents_demo
from apps.results import demo as results_demo
from apps.search import demo as search_demo
from apps.surveys import demo as surveys_demo
from apps.visions import demo as visions_demo
from apps.volunteers import demo as volunteers_demo

# Each domain app adds its part of the story, in the order the data needs (areas and indicators
# before goals, initiatives before their processes, spaces before what is said in them).
DOMAIN_DEMOS = [
    places_demo.seed,
    knowledge_demo.seed,
    goals_demo.seed,
    initiatives_demo.seed,
    # An overlapping initiative, before processes gives every initiative its guided process.
    consolidation_demo.seed,
    processes_demo.seed,
    followup_demo.seed,
    participation_demo.seed,
    mapinput_demo.seed,
    # Resident groups before surveys, whose paper and online answers carry them.
    residents_demo.seed,
    surveys_demo.seed,
    visions_demo.seed,
    events_demo.seed,
    partners_demo.seed,
    dialogues_demo.seed,
    funding_demo.seed,
    volunteers_demo.seed,
    results_demo.seed,
    agreements_demo.seed,
    governance_demo.seed,
    matching_demo.seed,
    library_demo.seed,
    dashboards_demo.seed,
    privacy_demo.seed,
    # Pådriv Tønsberg mid-establishment: needs the hub (processes), events, visions and partners.
    establishment_demo.seed,
    # Drawn pictures, for every initiative the demos above made.
    pictures_demo.seed,
    search_demo.seed,  # last: indexes what every demo above made
]

DEMO_PASSWORD = "allmenning-demo"  # noqa: S105 - a published demo password, printed on purpose # nosec B105

COMPETENCES = [
    ("urban-planning", "Urban planning", "Byplanlegging", "Stadsplanering"),
    ("architecture", "Architecture", "Arkitektur", "Arkitektur"),
    ("landscape", "Landscape architecture", "Landskapsarkitektur", "Landskapsarkitektur"),
    (
        "facilitation",
        "Facilitation and workshops",
        "Fasilitering og verksteder",
        "Facilitering och workshoppar",
    ),
    ("communication", "Communication", "Kommunikasjon", "Kommunikation"),
    ("fundraising", "Funding and grants", "Finansiering og søknader", "Finansiering och ansökningar"),
    ("law", "Law and permits", "Juss og tillatelser", "Juridik och tillstånd"),
    ("carpentry", "Carpentry and building", "Snekring og bygging", "Snickeri och byggande"),
    ("gardening", "Urban gardening", "Urbant landbruk", "Stadsodling"),
    ("data", "Data and analysis", "Data og analyse", "Data och analys"),
    ("mobility", "Mobility and transport", "Mobilitet og transport", "Mobilitet och transport"),
    ("energy", "Energy and climate", "Energi og klima", "Energi och klimat"),
    ("circular", "Circular economy", "Sirkulær økonomi", "Cirkulär ekonomi"),
    ("youth", "Youth work", "Ungdomsarbeid", "Ungdomsarbete"),
    ("art", "Art and culture", "Kunst og kultur", "Konst och kultur"),
    ("project-management", "Project management", "Prosjektledelse", "Projektledning"),
]

HUBS = [
    {
        "slug": "oslo",
        "name": "Pådriv Oslo",
        "tagline": "Sammen for en bærekraftig by — innbyggere, organisasjoner, næringsliv og kommunen.",
        "place": "Oslo",
        "country": "NO",
        "currency": "NOK",
        "hourly_rate": "450.00",
        "timezone": "Europe/Oslo",
        "languages": ["nb", "en"],
        "contact_email": "post@oslo.allmenning.demo",
        "description": (
            "Pådriv Oslo er et partnerskap der innbyggere, organisasjoner, næringsliv, akademia og "
            "Oslo kommune jobber sammen om byens klima- og bærekraftsmål.\n\n"
            "**Slik fungerer det**\n\n"
            "- Bli medlem (*pådriver*) og fortell hva du kan bidra med.\n"
            "- Organisasjoner blir partnere og eier partnerskapet sammen.\n"
            "- Forvaltningsteamet kobler mennesker, organisasjoner og prosjekter.\n"
            "- Arbeidsgrupper på 8–15 personer tar tak i et tema sammen."
        ),
    },
    {
        "slug": "sodertorn",
        "name": "Södertörn",
        "tagline": "Kunskapsdriven, samskapande och värdeskapande stadsutveckling i tio kommuner.",
        "place": "Södertörn",
        "country": "SE",
        "currency": "SEK",
        "hourly_rate": "350.00",
        "timezone": "Europe/Stockholm",
        "languages": ["sv", "en"],
        "contact_email": "hej@sodertorn.allmenning.demo",
        "description": (
            "Tio kommuner söder om Stockholm — Botkyrka, Haninge, Huddinge, Nacka, Nynäshamn, "
            "Salem, Södertälje, Tyresö, Värmdö och Nykvarn — och KTH utvecklar platser tillsammans.\n\n"
            "Bin bryr sig inte om kommungränser: vår kunskap och vårt arbete korsar dem."
        ),
    },
]

# (hub, e-mail, name, headline, place, competences, roles, consent, contact consent)
PEOPLE = [
    (
        "oslo",
        "ingrid@oslo.demo",
        "Ingrid Solberg",
        "Nettverksleder, Pådriv Oslo",
        "Grünerløkka",
        ["facilitation", "project-management"],
        {"is_network_lead", "is_steward"},
        True,
        True,
    ),
    (
        "oslo",
        "steward@oslo.demo",
        "Kari Nordmann",
        "Forvaltningsteamet, kobler mennesker og prosjekter",
        "Tøyen",
        ["facilitation", "communication"],
        {"is_steward"},
        True,
        True,
    ),
    (
        "oslo",
        "board@oslo.demo",
        "Ola Hansen",
        "Styremedlem, arkitekt",
        "Frogner",
        ["architecture", "urban-planning"],
        {"is_board"},
        True,
        False,
    ),
    (
        "oslo",
        "member@oslo.demo",
        "Amina Yusuf",
        "Driver en nabolagshage på Tøyen",
        "Tøyen",
        ["gardening", "youth"],
        set(),
        True,
        False,
    ),
    (
        "oslo",
        "lars@oslo.demo",
        "Lars Berg",
        "Snekker som bygger benker av gjenbrukt tre",
        "Sagene",
        ["carpentry", "circular"],
        set(),
        True,
        True,
    ),
    (
        "oslo",
        "sofie@oslo.demo",
        "Sofie Dahl",
        "Energiingeniør",
        "Nydalen",
        ["energy", "data"],
        set(),
        True,
        False,
    ),
    (
        "oslo",
        "jonas@oslo.demo",
        "Jonas Lie",
        "Student i landskapsarkitektur",
        "Blindern",
        ["landscape"],
        set(),
        False,
        False,
    ),
    (
        "oslo",
        "mari@oslo.demo",
        "Mari Haugen",
        "Sykkelaktivist",
        "Gamle Oslo",
        ["mobility", "communication"],
        set(),
        True,
        False,
    ),
    (
        "oslo",
        "erik@oslo.demo",
        "Erik Moe",
        "Advokat, plan- og bygningsrett",
        "Majorstuen",
        ["law"],
        set(),
        True,
        False,
    ),
    (
        "oslo",
        "nadia@oslo.demo",
        "Nadia Rahman",
        "Kunstner og kurator",
        "Grønland",
        ["art", "youth"],
        set(),
        True,
        True,
    ),
    (
        "sodertorn",
        "steward@sodertorn.demo",
        "Anna Lindqvist",
        "Processledare, Södertörnsmodellen",
        "Huddinge",
        ["facilitation", "urban-planning"],
        {"is_steward", "is_network_lead"},
        True,
        True,
    ),
    (
        "sodertorn",
        "board@sodertorn.demo",
        "Johan Ek",
        "Styrelseledamot, planchef",
        "Haninge",
        ["urban-planning", "law"],
        {"is_board"},
        True,
        False,
    ),
    (
        "sodertorn",
        "member@sodertorn.demo",
        "Fatima Ali",
        "Föreningsaktiv i Fittja",
        "Botkyrka",
        ["youth", "communication"],
        set(),
        True,
        False,
    ),
    (
        "sodertorn",
        "per@sodertorn.demo",
        "Per Svensson",
        "Analytiker, data per basområde",
        "Södertälje",
        ["data"],
        set(),
        True,
        True,
    ),
    (
        "sodertorn",
        "elin@sodertorn.demo",
        "Elin Berg",
        "Landskapsarkitekt",
        "Tyresö",
        ["landscape", "gardening"],
        set(),
        True,
        False,
    ),
    (
        "sodertorn",
        "mohammed@sodertorn.demo",
        "Mohammed Hassan",
        "Byggare och snickare",
        "Haninge",
        ["carpentry"],
        set(),
        True,
        False,
    ),
]

# People who applied and wait for the stewards.
APPLICANTS = [
    ("oslo", "applicant@oslo.demo", "Thomas Nilsen", "Jeg vil starte en reparasjonskafé på Tøyen."),
    ("sodertorn", "applicant@sodertorn.demo", "Sara Nyberg", "Jag vill bidra till grönområden i Nacka."),
]

# (hub, name, type, country, number base, representative e-mail, approved)
ORGANISATIONS = [
    ("oslo", "Oslo kommune", "public", "NO", "958935420", "steward@oslo.demo", True),
    ("oslo", "Grønn Gårdsplass AS", "private", "NO", "9210", "lars@oslo.demo", True),
    ("oslo", "Tøyen Nabolagsforening", "civil_society", "NO", "9220", "member@oslo.demo", True),
    ("oslo", "Byforskningsinstituttet", "academia", "NO", "9230", "sofie@oslo.demo", True),
    ("oslo", "Sirkel Gjenbruk SA", "private", "NO", "9240", "lars@oslo.demo", True),
    ("oslo", "Sykkelbyen Oslo", "civil_society", "NO", "9250", "mari@oslo.demo", False),
    ("sodertorn", "Södertörns kommunförbund", "public", "SE", "22200", "steward@sodertorn.demo", True),
    (
        "sodertorn",
        "Fittja Framtid ideell förening",
        "civil_society",
        "SE",
        "80240",
        "member@sodertorn.demo",
        True,
    ),
    ("sodertorn", "Haninge Bygg AB", "private", "SE", "55690", "mohammed@sodertorn.demo", True),
    ("sodertorn", "Institutet för hållbar stad", "academia", "SE", "20210", "per@sodertorn.demo", True),
]

GROUPS = [
    (
        "oslo",
        "Grønne gårdsrom",
        "Natur og naturmangfold",
        "member@oslo.demo",
        ["lars@oslo.demo", "nadia@oslo.demo", "sofie@oslo.demo"],
        "Vi hjelper borettslag å gjøre asfaltgårder om til grønne møteplasser.",
    ),
    (
        "oslo",
        "Bilfrie nabolag",
        "Mobilitet",
        "mari@oslo.demo",
        ["erik@oslo.demo", "board@oslo.demo"],
        "Gater for folk: forsøk med lekegater og parkletter.",
    ),
    (
        "oslo",
        "Sirkulært byggeri",
        "Sirkulær økonomi",
        "lars@oslo.demo",
        ["board@oslo.demo", "steward@oslo.demo"],
        "Gjenbruk av byggematerialer i midlertidige og permanente prosjekter.",
    ),
    (
        "sodertorn",
        "Kunskapsunderlag",
        "Data per område",
        "per@sodertorn.demo",
        ["steward@sodertorn.demo", "board@sodertorn.demo"],
        "Vi tar fram och tolkar indikatorer per basområde för planeringen.",
    ),
    (
        "sodertorn",
        "Gröna stråk över kommungränser",
        "Ekologi",
        "elin@sodertorn.demo",
        ["member@sodertorn.demo", "mohammed@sodertorn.demo"],
        "Bin bryr sig inte om kommungränser: sammanhängande grönstruktur.",
    ),
]


MOTIVATION = {
    "nb": "Jeg vil at nabolaget mitt skal bli grønnere, tryggere og mer levende.",
    "sv": "Jag vill att mitt grannskap ska bli grönare, tryggare och mer levande.",
}

# What each partner brings to its hub, in the hub's language.
CONTRIBUTIONS = {
    "Oslo kommune": "Kontakt med etatene, lån av kommunale arealer og fagfolk fra bydelene.",
    "Grønn Gårdsplass AS": "Landskapsarkitekter og planter til gårdsrom til innkjøpspris.",
    "Tøyen Nabolagsforening": "Frivillige, lokalene på Tøyen og kontakt med borettslagene.",
    "Byforskningsinstituttet": "Studenter og forskere som måler effekten av prosjektene.",
    "Sirkel Gjenbruk SA": "Gjenbrukt treverk og verktøy til verksteder og realiseringsleirer.",
    "Sykkelbyen Oslo": "Sykkelverksted og frivillige til bilfrie dager.",
    "Södertörns kommunförbund": "Samordning mellan kommunerna och kunskapsunderlag per basområde.",
    "Fittja Framtid ideell förening": "Lokal förankring i Fittja, lokaler och frivilliga.",
    "Haninge Bygg AB": "Snickare och byggmaterial till byggläger.",
    "Institutet för hållbar stad": "Analyser av indikatorer och utvärdering av projekten.",
}


def _valid_number(country: str, base: str) -> str:
    """A real number when given in full, else the first valid number starting with `base`."""
    length = 9 if country == "NO" else 10
    check = is_valid_norwegian if country == "NO" else is_valid_swedish
    if len(base) == length and check(base):
        return base
    start = int(base.ljust(length - 1, "0"))
    for n in range(start, start + 10_000):
        for digit in range(10):
            number = f"{n}{digit}"
            if check(number):
                return number
    raise ValueError(base)


class Command(BaseCommand):
    help = "Create (or update) the demo hubs, people, partners and working groups."

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo's own activity (new ideas, decisions, tasks …) notifies people in the app;
        # its e-mails are kept in memory instead of flooding the console.
        locmem = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=locmem), transaction.atomic():
            self._seed()
        self._print_logins()

    def _seed(self) -> None:
        now = timezone.now()
        competences = {}
        for slug, en, nb, sv in COMPETENCES:
            competences[slug], _ = Competence.objects.update_or_create(
                slug=slug, defaults={"name_en": en, "name_nb": nb, "name_sv": sv}
            )
        hubs = {}
        for data in HUBS:
            hubs[data["slug"]], _ = Hub.objects.update_or_create(slug=data["slug"], defaults=data)

        users: dict[str, User] = {}

        def person(email: str, name: str, language: str) -> User:
            user, created = User.objects.get_or_create(
                email=email, defaults={"name": name, "language": language}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users[email] = user
            return user

        admin = person("admin@allmenning.demo", "Admin", "en")
        if not admin.is_superuser:
            admin.is_superuser = admin.is_staff = True
            admin.save()

        for hub_slug, email, name, headline, place, comps, roles, consent, contact in PEOPLE:
            language = "sv" if hub_slug == "sodertorn" else "nb"
            user = person(email, name, language)
            profile, _ = Profile.objects.get_or_create(user=user)
            if not profile.headline:
                profile.headline, profile.place = headline, place
                profile.interests = headline
                profile.motivation = MOTIVATION[language]
                profile.contact_email = email if contact else ""
                profile.phone = "+47 400 00 000" if contact and hub_slug == "oslo" else ""
                profile.consent_public_profile = consent
                profile.consent_public_profile_at = now if consent else None
                profile.consent_public_contact = contact
                profile.consent_public_contact_at = now if contact else None
                profile.save()
                profile.competences.set([competences[c] for c in comps])
            Membership.objects.get_or_create(
                hub=hubs[hub_slug],
                user=user,
                defaults={
                    "status": ApplicationStatus.APPROVED,
                    "decided_at": now,
                    "is_steward": "is_steward" in roles,
                    "is_network_lead": "is_network_lead" in roles,
                    "is_board": "is_board" in roles,
                },
            )

        for hub_slug, email, name, message in APPLICANTS:
            user = person(email, name, "sv" if hub_slug == "sodertorn" else "nb")
            Profile.objects.get_or_create(user=user)
            Membership.objects.get_or_create(hub=hubs[hub_slug], user=user, defaults={"message": message})

        for hub_slug, name, org_type, country, base, rep_email, approved in ORGANISATIONS:
            number = _valid_number(country, base)
            organisation, _ = Organisation.objects.get_or_create(
                country=country,
                org_number=number,
                defaults={
                    "name": name,
                    "slug": _slugify(name),
                    "type": org_type,
                    "description": (
                        f"{name} er partner i {hubs[hub_slug].name}."
                        if country == "NO"
                        else f"{name} är partner i {hubs[hub_slug].name}."
                    ),
                },
            )
            Representative.objects.get_or_create(organisation=organisation, user=users[rep_email])
            Partnership.objects.get_or_create(
                hub=hubs[hub_slug],
                organisation=organisation,
                defaults={
                    "status": ApplicationStatus.APPROVED if approved else ApplicationStatus.PENDING,
                    "decided_at": now if approved else None,
                    "applied_by": users[rep_email],
                    "contribution": CONTRIBUTIONS.get(name, ""),
                },
            )

        for hub_slug, name, theme, lead_email, member_emails, description in GROUPS:
            group, _ = WorkingGroup.objects.get_or_create(
                hub=hubs[hub_slug],
                slug=_slugify(name),
                defaults={
                    "name": name,
                    "theme": theme,
                    "lead": users[lead_email],
                    "description": description,
                },
            )
            for email in [lead_email, *member_emails]:
                WorkingGroupMember.objects.get_or_create(group=group, user=users[email])

        for seed in DOMAIN_DEMOS:
            seed(stdout=self.stdout)

    def _print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for email, role in [
            ("admin@allmenning.demo", "superuser — /admin/"),
            ("ingrid@oslo.demo", "network lead and steward, Pådriv Oslo"),
            ("steward@oslo.demo", "steward, Pådriv Oslo (waiting applicant, follow-up queue, tasks);"),
            ("", "also steward of Pådriv Tønsberg, a hub being established"),
            ("board@oslo.demo", "board member, Pådriv Oslo"),
            ("member@oslo.demo", "member and working-group lead, Pådriv Oslo"),
            ("applicant@oslo.demo", "applied to Pådriv Oslo, waiting for approval"),
            ("steward@sodertorn.demo", "steward and network lead, Södertörn"),
            ("member@sodertorn.demo", "member, Södertörn"),
            ("resident01@oslo.demo", "a resident who takes part (ideas, marks, votes); up to resident40"),
        ]:
            self.stdout.write(f"  {email:<26} {role}")


def _slugify(name: str) -> str:
    from django.utils.text import slugify

    return slugify(
        name.replace("ø", "o").replace("å", "a").replace("æ", "ae").replace("ö", "o").replace("ä", "a")
    )
