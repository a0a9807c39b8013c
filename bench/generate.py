"""Generated data at scale for the benchmark, written with bulk_create in batches.

Call inside a configured Django (bench/run.py does): `ensure(scale)` reuses the database when
its marker says it already holds this scale from this generator version, else fills it.
Deterministic (seeded), so two runs at the same scale measure the same data.
"""

import random
import time
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from apps.accounts.models import Competence, Profile, User
from apps.hubs.models import (
    ApplicationStatus,
    Hub,
    Membership,
    Partnership,
    WorkingGroup,
    WorkingGroupMember,
    hub_name_key,
)
from apps.organisations.models import Organisation, Representative

# Bump when the shape of the generated data changes: an old database is then rebuilt.
GENERATOR_VERSION = 1
MARKER_TABLE = "bench_marker"
BATCH = 2000

BASE_USERS = 30_000
BASE_ORGANISATIONS = 3_000
BASE_WORKING_GROUPS = 100

# slug, name, place, country, share of people and partners (the first is the largest hub)
HUBS = [
    ("oslo", "Allmenning Oslo", "Oslo", "NO", 0.40),
    ("bergen", "Allmenning Bergen", "Bergen", "NO", 0.22),
    ("trondheim", "Allmenning Trondheim", "Trondheim", "NO", 0.16),
    ("stavanger", "Allmenning Stavanger", "Stavanger", "NO", 0.12),
    ("goteborg", "Allmenning Göteborg", "Göteborg", "SE", 0.10),
]

COMPETENCES = [
    ("urban-planning", "Urban planning", "Byplanlegging", "Stadsplanering"),
    ("architecture", "Architecture", "Arkitektur", "Arkitektur"),
    ("landscape", "Landscape architecture", "Landskapsarkitektur", "Landskapsarkitektur"),
    ("mobility", "Mobility and transport", "Mobilitet og transport", "Mobilitet och transport"),
    ("energy", "Energy", "Energi", "Energi"),
    ("circular-economy", "Circular economy", "Sirkulærøkonomi", "Cirkulär ekonomi"),
    ("law", "Law", "Juss", "Juridik"),
    ("finance", "Finance", "Finans", "Finans"),
    ("communication", "Communication", "Kommunikasjon", "Kommunikation"),
    ("design", "Service design", "Tjenestedesign", "Tjänstedesign"),
    ("software", "Software development", "Programvareutvikling", "Mjukvaruutveckling"),
    ("data", "Data and analysis", "Data og analyse", "Data och analys"),
    ("facilitation", "Facilitation", "Fasilitering", "Facilitering"),
    ("project-management", "Project management", "Prosjektledelse", "Projektledning"),
    ("research", "Research", "Forskning", "Forskning"),
    ("education", "Education", "Utdanning", "Utbildning"),
    ("health", "Public health", "Folkehelse", "Folkhälsa"),
    ("culture", "Arts and culture", "Kunst og kultur", "Konst och kultur"),
    ("construction", "Construction", "Bygg og anlegg", "Bygg och anläggning"),
    ("real-estate", "Real estate", "Eiendom", "Fastigheter"),
    ("biodiversity", "Biodiversity", "Naturmangfold", "Biologisk mångfald"),
    ("food", "Food systems", "Matsystemer", "Livsmedelssystem"),
    ("volunteering", "Volunteering", "Frivillighet", "Volontärarbete"),
    ("public-sector", "Public administration", "Offentlig forvaltning", "Offentlig förvaltning"),
]

FIRST_NAMES = [
    "Anders",
    "Anna",
    "Astrid",
    "Bjørn",
    "Camilla",
    "Daniel",
    "Eirik",
    "Elin",
    "Emma",
    "Erik",
    "Frida",
    "Guro",
    "Hanne",
    "Hans",
    "Helene",
    "Henrik",
    "Ida",
    "Ingrid",
    "Jan",
    "Johanne",
    "Jonas",
    "Karin",
    "Kari",
    "Kristian",
    "Lars",
    "Lene",
    "Linn",
    "Magnus",
    "Maria",
    "Marte",
    "Martin",
    "Mohammed",
    "Nina",
    "Nora",
    "Ola",
    "Oskar",
    "Per",
    "Ragnhild",
    "Sander",
    "Sara",
    "Silje",
    "Sofie",
    "Stian",
    "Thomas",
    "Tone",
    "Tor",
    "Vilde",
    "Aisha",
    "Ahmed",
    "Fatima",
    "Ali",
    "Sigrid",
    "Trond",
    "Knut",
    "Liv",
    "Maja",
    "Iben",
    "Ulrik",
    "Vegard",
    "Åse",
    "Øystein",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Solheim",
    "Berge",
    "Moe",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hauge",
    "Christensen",
    "Andresen",
]
ROLES = [
    "Planner",
    "Architect",
    "Designer",
    "Teacher",
    "Researcher",
    "Student",
    "Engineer",
    "Nurse",
    "Consultant",
    "Founder",
    "Volunteer",
    "Advisor",
    "Gardener",
    "Journalist",
    "Developer",
    "Economist",
    "Lawyer",
    "Artist",
    "Caretaker",
    "Manager",
]
FIELDS = [
    "mobility",
    "urban gardens",
    "housing",
    "circular economy",
    "public spaces",
    "energy",
    "culture",
    "schools",
    "health",
    "open data",
    "biodiversity",
    "local food",
    "youth",
    "ageing",
    "water",
    "climate adaptation",
]
WORDS = [
    "neighbourhood",
    "community",
    "street",
    "square",
    "park",
    "bicycle",
    "bus",
    "library",
    "school",
    "market",
    "kitchen",
    "garden",
    "river",
    "harbour",
    "bridge",
    "housing",
    "energy",
    "solar",
    "reuse",
    "repair",
    "festival",
    "workshop",
    "data",
    "map",
    "youth",
    "elders",
    "dialogue",
    "co-creation",
    "trust",
    "commons",
    "cooperative",
    "network",
    "partnership",
]
ORG_PREFIXES = [
    "Nordic",
    "Fjord",
    "Bygd",
    "Grønn",
    "Urban",
    "Felles",
    "By",
    "Kyst",
    "Fjell",
    "Nord",
    "Vest",
    "Sol",
    "Lys",
    "Bro",
]
ORG_SUFFIXES = [
    "AS",
    "SA",
    "Stiftelsen",
    "Forening",
    "Lab",
    "Kommune",
    "Universitet",
    "Samvirke",
    "Partners",
    "Studio",
]
ORG_TYPES = [t.value for t in Organisation.Type]
ORG_TYPE_WEIGHTS = [0.15, 0.5, 0.25, 0.1]


def scale_key(scale: float) -> str:
    return f"v{GENERATOR_VERSION}:scale={scale:g}"


def marker() -> str | None:
    """What the database says it holds, or None (empty, or filled by something else)."""
    with connection.cursor() as cursor:
        if MARKER_TABLE not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE name = 'scale'")
        row = cursor.fetchone()
    return row[0] if row else None


def _write_marker(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(40), value text)")
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (name, value) VALUES ('scale', %s)", [value])


def norwegian_org_number(n: int) -> str:
    """The n-th valid Norwegian organisation number (mod 11) from 910000000 on, deterministic."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = 91_000_000 + n * 7  # spread out; numbers whose check digit would be 10 are skipped
    while True:
        digits = f"{base:08d}"
        check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return f"{digits}{check}"
        base += 1


def _pick_hub(rng: random.Random, hubs: list[Hub], weights: list[float]) -> Hub:
    return rng.choices(hubs, weights)[0]


def _status(rng: random.Random, approved: float, pending: float) -> str:
    r = rng.random()
    if r < approved:
        return ApplicationStatus.APPROVED
    if r < approved + pending:
        return ApplicationStatus.PENDING
    return ApplicationStatus.REJECTED


def generate(scale: float, log=print) -> None:
    rng = random.Random(20_260_101)
    now = timezone.now()
    n_users = max(50, round(BASE_USERS * scale))
    n_orgs = max(10, round(BASE_ORGANISATIONS * scale))
    n_groups = max(len(HUBS), round(BASE_WORKING_GROUPS * scale))
    started = time.monotonic()

    def step(what: str) -> None:
        log(f"  {what} ({time.monotonic() - started:.1f} s)")

    with transaction.atomic():
        Competence.objects.bulk_create(
            [Competence(slug=s, name_en=en, name_nb=nb, name_sv=sv) for s, en, nb, sv in COMPETENCES],
            ignore_conflicts=True,
        )
        competence_ids = list(Competence.objects.values_list("id", flat=True))

        Hub.objects.bulk_create(
            [
                Hub(
                    slug=slug,
                    name=name,
                    name_key=hub_name_key(name),  # bulk_create does not call save()
                    place=place,
                    country=country,
                    tagline=f"Collaborative city development in {place}",
                    description=f"The hub for people and organisations who shape {place} together.",
                    contact_email=f"post@{slug}.bench.example",
                )
                for slug, name, place, country, _share in HUBS
            ]
        )
        hubs = list(Hub.objects.filter(slug__in=[h[0] for h in HUBS]).order_by("id"))
        by_slug = {h.slug: h for h in hubs}
        hubs = [by_slug[h[0]] for h in HUBS]
        weights = [h[4] for h in HUBS]
        step("hubs and competences")

        users = [
            User(
                email=f"person{i}@bench.example",
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                password="!bench-unusable",
                language=rng.choice(["nb", "nb", "nb", "sv", "en"]),
                date_joined=now - timedelta(days=rng.randint(0, 1500)),
            )
            for i in range(n_users)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        user_ids = list(
            User.objects.filter(email__endswith="@bench.example").order_by("id").values_list("id", flat=True)
        )
        step(f"{len(user_ids)} users")

        profiles = []
        for uid in user_ids:
            public = rng.random() < 0.88
            contact = public and rng.random() < 0.3
            profiles.append(
                Profile(
                    user_id=uid,
                    headline=f"{rng.choice(ROLES)} working on {rng.choice(FIELDS)}",
                    place=rng.choice(HUBS)[2],
                    interests=" ".join(rng.choices(WORDS, k=rng.randint(5, 14))),
                    motivation=" ".join(rng.choices(WORDS, k=rng.randint(10, 30))),
                    phone=f"+47 9{rng.randint(0, 9999999):07d}" if contact else "",
                    contact_email=f"contact{uid}@bench.example" if contact else "",
                    consent_public_profile=public,
                    consent_public_profile_at=now if public else None,
                    consent_public_contact=contact,
                    consent_public_contact_at=now if contact else None,
                )
            )
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        profile_ids = list(Profile.objects.filter(user_id__in=user_ids).values_list("id", flat=True))
        through = Profile.competences.through
        links = [
            through(profile_id=pid, competence_id=cid)
            for pid in profile_ids
            for cid in rng.sample(competence_ids, rng.randint(1, 4))
        ]
        through.objects.bulk_create(links, batch_size=BATCH * 2)
        step(f"{len(profiles)} profiles, {len(links)} competence links")

        memberships = []
        approved_by_hub: dict[int, list[int]] = {h.id: [] for h in hubs}
        for uid in user_ids:
            first = _pick_hub(rng, hubs, weights)
            chosen = [first]
            if rng.random() < 0.15:
                second = _pick_hub(rng, hubs, weights)
                if second is not first:
                    chosen.append(second)
            for hub in chosen:
                status = _status(rng, 0.95, 0.04)
                decided = status != ApplicationStatus.PENDING
                memberships.append(
                    Membership(
                        hub=hub,
                        user_id=uid,
                        status=status,
                        message="I want to help." if rng.random() < 0.3 else "",
                        decided_at=now - timedelta(days=rng.randint(0, 700)) if decided else None,
                    )
                )
                if status == ApplicationStatus.APPROVED:
                    approved_by_hub[hub.id].append(uid)
        # Offices: a stewardship team, a network lead and a board in every hub.
        offices = {}
        for hub in hubs:
            ids = approved_by_hub[hub.id]
            offices[(hub.id, ids[0])] = "lead"
            for uid in ids[1:6]:
                offices[(hub.id, uid)] = "steward"
            for uid in ids[6:11]:
                offices[(hub.id, uid)] = "board"
        for m in memberships:
            office = offices.get((m.hub.id, m.user_id))
            m.is_network_lead = office == "lead"
            m.is_steward = office in ("lead", "steward")
            m.is_board = office == "board"
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        step(f"{len(memberships)} memberships")

        organisations = []
        for i in range(n_orgs):
            name = f"{rng.choice(ORG_PREFIXES)} {rng.choice(LAST_NAMES)} {rng.choice(ORG_SUFFIXES)} {i}"
            organisations.append(
                Organisation(
                    name=name,
                    slug=f"bench-org-{i}",
                    type=rng.choices(ORG_TYPES, ORG_TYPE_WEIGHTS)[0],
                    country="NO",
                    org_number=norwegian_org_number(i),
                    description=" ".join(rng.choices(WORDS, k=rng.randint(10, 40))),
                    website=f"https://org{i}.bench.example/",
                    contact_email=f"post@org{i}.bench.example",
                )
            )
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        org_ids = list(
            Organisation.objects.filter(slug__startswith="bench-org-")
            .order_by("id")
            .values_list("id", flat=True)
        )
        rep_users = rng.sample(user_ids, min(len(org_ids), len(user_ids)))
        Representative.objects.bulk_create(
            [
                Representative(organisation_id=oid, user_id=uid, title=rng.choice(ROLES))
                for oid, uid in zip(org_ids, rep_users, strict=False)
            ],
            batch_size=BATCH,
        )
        partnerships = []
        for oid, uid in zip(org_ids, rep_users, strict=False):
            first = _pick_hub(rng, hubs, weights)
            chosen = [first]
            if rng.random() < 0.2:
                second = _pick_hub(rng, hubs, weights)
                if second is not first:
                    chosen.append(second)
            for hub in chosen:
                status = _status(rng, 0.92, 0.06)
                decided = status != ApplicationStatus.PENDING
                partnerships.append(
                    Partnership(
                        hub=hub,
                        organisation_id=oid,
                        status=status,
                        contribution="Premises and competence." if rng.random() < 0.5 else "",
                        applied_by_id=uid,
                        decided_at=now - timedelta(days=rng.randint(0, 700)) if decided else None,
                    )
                )
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
        step(f"{len(org_ids)} organisations with representatives, {len(partnerships)} partnerships")

        groups = []
        per_hub = [max(1, round(n_groups * w)) for w in weights]
        for hub, count in zip(hubs, per_hub, strict=True):
            for j in range(count):
                field = FIELDS[j % len(FIELDS)]
                groups.append(
                    WorkingGroup(
                        hub=hub,
                        slug=f"{field.replace(' ', '-')}-{j}",
                        name=f"{field.capitalize()} {j}",
                        theme=field,
                        description=" ".join(rng.choices(WORDS, k=rng.randint(10, 40))),
                    )
                )
        WorkingGroup.objects.bulk_create(groups, batch_size=BATCH)
        group_members = []
        leads = []
        for group in WorkingGroup.objects.filter(hub__in=hubs).select_related("hub"):
            pool = approved_by_hub[group.hub_id]
            chosen_ids = rng.sample(pool, min(len(pool), rng.randint(8, 15)))
            group.lead_id = chosen_ids[0]
            leads.append(group)
            group_members.extend(WorkingGroupMember(group=group, user_id=uid) for uid in chosen_ids)
        WorkingGroup.objects.bulk_update(leads, ["lead"], batch_size=BATCH)
        WorkingGroupMember.objects.bulk_create(group_members, batch_size=BATCH)
        step(f"{len(groups)} working groups, {len(group_members)} group members")

        _write_marker(scale_key(scale))

    # Planner statistics, as a maintained database has them (autovacuum, PRAGMA optimize).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step("ANALYZE")


def counts() -> dict[str, int]:
    """Sizes of the generated data, counted from the database."""
    approved = ApplicationStatus.APPROVED
    return {
        "hubs": Hub.objects.count(),
        "users": User.objects.count(),
        "public_profiles": Profile.objects.filter(consent_public_profile=True).count(),
        "profile_competences": Profile.competences.through.objects.count(),
        "memberships": Membership.objects.count(),
        "approved_memberships": Membership.objects.filter(status=approved).count(),
        "organisations": Organisation.objects.count(),
        "representatives": Representative.objects.count(),
        "partnerships": Partnership.objects.count(),
        "approved_partnerships": Partnership.objects.filter(status=approved).count(),
        "working_groups": WorkingGroup.objects.count(),
        "working_group_members": WorkingGroupMember.objects.count(),
    }


def largest_hub() -> tuple[str, int, int]:
    """(slug, approved members, approved partners) of the hub with most approved members."""
    approved = ApplicationStatus.APPROVED
    rows = (
        Membership.objects.filter(status=approved)
        .values("hub__slug")
        .annotate(n=Count("id"))
        .order_by("-n", "hub__slug")
    )
    top = rows.first()
    if top is None:
        raise RuntimeError("The bench database has no approved members.")
    slug = top["hub__slug"]
    partners = Partnership.objects.filter(hub__slug=slug, status=approved).count()
    return slug, top["n"], partners
