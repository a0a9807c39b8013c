"""Generated data at city scale for the benchmark, written on the bulk paths.

At BENCH_SCALE=1: 10 hubs, 50,000 people (about 57,000 memberships), 5,000 organisations, 150
working groups, 20,000 initiatives (with their owner in the team and as a follower), 300,000
ideas and 200,000 comments (ideas in the hubs' own spaces and in initiatives), 1,000,000 map
marks (100,000 of them in the "mapbench" hub that bench/mapinput_bench.py measures). A smaller
scale makes every count proportionally smaller (the hubs stay ten).

Rows are written by `Writer`: `bulk_create` in large batches on SQLite, `COPY … FROM STDIN`
(psycopg 3 `cursor.copy`) on PostgreSQL; it records rows per second per model for the report.

Call inside a configured Django (bench/run.py does): `marker()` says what the database holds;
`generate(scale)` fills an empty one. Deterministic (seeded), so two runs at the same scale
measure the same data.
"""

import random
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from itertools import islice
from typing import Any

from django.db import connection, models, transaction
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
from apps.initiatives.models import Follow, Initiative, TeamMember
from apps.mapinput.models import GeometryKind, MapMark, MarkCategory, MarkSettings
from apps.organisations.models import Organisation, Representative
from apps.participation.models import Comment, Idea

# Bump when the shape of the generated data changes: an old database is then rebuilt.
GENERATOR_VERSION = 2
MARKER_TABLE = "bench_marker"
BATCH = 2000
# Rows handed to one bulk_create / one COPY: large, but bounded in memory.
CHUNK = 20_000

BASE_USERS = 50_000
BASE_ORGANISATIONS = 5_000
BASE_WORKING_GROUPS = 150
BASE_INITIATIVES = 20_000
BASE_IDEAS = 300_000
BASE_COMMENTS = 200_000  # about: each idea gets 0-2 comments, 2/3 on average
BASE_MARKS = 1_000_000
MAPBENCH_SHARE = 0.1  # of the marks, in bench/mapinput_bench.py's hub (its endpoints)

# slug, name, place, country, share of people and partners (the first is the largest hub),
# and the centre of its map (lon, lat) for initiatives and marks.
HUBS = [
    ("oslo", "Allmenning Oslo", "Oslo", "NO", 0.30, (10.75, 59.92)),
    ("bergen", "Allmenning Bergen", "Bergen", "NO", 0.12, (5.33, 60.39)),
    ("trondheim", "Allmenning Trondheim", "Trondheim", "NO", 0.10, (10.40, 63.43)),
    ("stavanger", "Allmenning Stavanger", "Stavanger", "NO", 0.08, (5.73, 58.97)),
    ("tromso", "Allmenning Tromsø", "Tromsø", "NO", 0.05, (18.96, 69.65)),
    ("kristiansand", "Allmenning Kristiansand", "Kristiansand", "NO", 0.05, (7.99, 58.15)),
    ("goteborg", "Allmenning Göteborg", "Göteborg", "SE", 0.10, (11.97, 57.71)),
    ("malmo", "Allmenning Malmö", "Malmö", "SE", 0.08, (13.00, 55.60)),
    ("uppsala", "Allmenning Uppsala", "Uppsala", "SE", 0.05, (17.64, 59.86)),
    ("sodertorn", "Södertörn", "Södertörn", "SE", 0.07, (18.05, 59.20)),
]
# bench/mapinput_bench.py's hub and the part of Oslo its marks cover.
MAPBENCH = "mapbench"
MAPBENCH_BBOX = (10.60, 59.85, 10.95, 60.00)
MARK_CATEGORIES = [
    ("Trygghet", "#c2410c"),
    ("Grønt", "#15803d"),
    ("Møteplass", "#7c3aed"),
    ("Trafikk", "#1d4ed8"),
]
INITIATIVE_STATUSES = ["idea", "active", "active", "paused", "completed", "stopped"]
INITIATIVE_WORDS = [
    "Grønn",
    "gårdsplass",
    "lekegate",
    "benker",
    "møteplass",
    "sykkelvei",
    "hage",
    "torg",
    "park",
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


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class Writer:
    """Writes model instances on the fastest path the database has and times it per model.

    SQLite: `bulk_create` in chunks of CHUNK rows (Django splits them into the largest batches
    SQLite's parameter limit allows). PostgreSQL: one `COPY table (columns) FROM STDIN` per
    chunk, values prepared by the fields themselves (`pre_save` fills auto_now and defaults,
    `get_db_prep_save` adapts JSON, dates, decimals), primary keys from the identity column.
    Neither path sets primary keys on the instances: read them back when needed.
    """

    def __init__(self) -> None:
        self.rates: dict[str, dict[str, float]] = {}

    def write(self, model: type[models.Model], rows: Iterable[models.Model], label: str = "") -> int:
        label = label or model._meta.label
        started = time.perf_counter()
        count = 0
        for chunk in _chunks(rows, CHUNK):
            if connection.vendor == "postgresql":
                self._copy(model, chunk)
            else:
                model._default_manager.bulk_create(chunk)
            count += len(chunk)
        seconds = time.perf_counter() - started
        rate = self.rates.setdefault(label, {"rows": 0, "seconds": 0.0})
        rate["rows"] += count
        rate["seconds"] += seconds
        return count

    @staticmethod
    def _copy(model: type[models.Model], chunk: list[models.Model]) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        statement = f"COPY {table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for obj in chunk:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])

    def summary(self) -> list[dict[str, Any]]:
        return [
            {
                "model": label,
                "rows": int(r["rows"]),
                "seconds": round(r["seconds"], 2),
                "rows_per_s": round(r["rows"] / r["seconds"]) if r["seconds"] else None,
            }
            for label, r in self.rates.items()
        ]


def _pick_hub(rng: random.Random, hubs: list[Hub], weights: list[float]) -> Hub:
    return rng.choices(hubs, weights)[0]


def _status(rng: random.Random, approved: float, pending: float) -> str:
    r = rng.random()
    if r < approved:
        return ApplicationStatus.APPROVED
    if r < approved + pending:
        return ApplicationStatus.PENDING
    return ApplicationStatus.REJECTED


def _ids(qs: models.QuerySet) -> list[int]:
    return list(qs.order_by("pk").values_list("pk", flat=True))


def generate(scale: float, log: Callable[[str], Any] = print) -> list[dict[str, Any]]:
    """Fill an empty (migrated) database; answer the write rate per model."""
    rng = random.Random(20_260_101)
    now = timezone.now()
    n_users = max(50, round(BASE_USERS * scale))
    n_orgs = max(10, round(BASE_ORGANISATIONS * scale))
    n_groups = max(len(HUBS), round(BASE_WORKING_GROUPS * scale))
    n_initiatives = max(len(HUBS), round(BASE_INITIATIVES * scale))
    n_ideas = max(10, round(BASE_IDEAS * scale))
    n_marks = max(10, round(BASE_MARKS * scale))
    writer = Writer()
    started = time.monotonic()

    def step(what: str) -> None:
        log(f"  {what} ({time.monotonic() - started:.1f} s)")

    with transaction.atomic():
        Competence.objects.bulk_create(
            [Competence(slug=s, name_en=en, name_nb=nb, name_sv=sv) for s, en, nb, sv in COMPETENCES],
            ignore_conflicts=True,
        )
        competence_ids = list(Competence.objects.values_list("id", flat=True))

        writer.write(
            Hub,
            [
                Hub(
                    slug=slug,
                    name=name,
                    name_key=hub_name_key(name),  # bulk paths do not call save()
                    place=place,
                    country=country,
                    tagline=f"Collaborative city development in {place}",
                    description=f"The hub for people and organisations who shape {place} together.",
                    contact_email=f"post@{slug}.bench.example",
                )
                for slug, name, place, country, _share, _centre in HUBS
            ],
        )
        by_slug = {h.slug: h for h in Hub.objects.filter(slug__in=[h[0] for h in HUBS])}
        hubs = [by_slug[h[0]] for h in HUBS]
        weights = [h[4] for h in HUBS]
        centres = {by_slug[h[0]].pk: h[5] for h in HUBS}
        step("hubs and competences")

        writer.write(
            User,
            (
                User(
                    email=f"person{i}@bench.example",
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    password="!bench-unusable",
                    language=rng.choice(["nb", "nb", "nb", "sv", "en"]),
                    date_joined=now - timedelta(days=rng.randint(0, 1500)),
                )
                for i in range(n_users)
            ),
        )
        user_ids = _ids(User.objects.filter(email__endswith="@bench.example"))
        step(f"{len(user_ids)} users")

        def profiles() -> Iterator[Profile]:
            for uid in user_ids:
                public = rng.random() < 0.88
                contact = public and rng.random() < 0.3
                yield Profile(
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

        writer.write(Profile, profiles())
        profile_ids = _ids(Profile.objects.filter(user_id__in=user_ids))
        through = Profile.competences.through
        links = writer.write(
            through,
            (
                through(profile_id=pid, competence_id=cid)
                for pid in profile_ids
                for cid in rng.sample(competence_ids, rng.randint(1, 4))
            ),
            label="accounts.Profile_competences",
        )
        step(f"{len(profile_ids)} profiles, {links} competence links")

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
        writer.write(Membership, memberships)
        step(f"{len(memberships)} memberships")

        writer.write(
            Organisation,
            (
                Organisation(
                    name=" ".join(
                        (rng.choice(ORG_PREFIXES), rng.choice(LAST_NAMES), rng.choice(ORG_SUFFIXES), str(i))
                    ),
                    slug=f"bench-org-{i}",
                    type=rng.choices(ORG_TYPES, ORG_TYPE_WEIGHTS)[0],
                    country="NO",
                    org_number=norwegian_org_number(i),
                    description=" ".join(rng.choices(WORDS, k=rng.randint(10, 40))),
                    website=f"https://org{i}.bench.example/",
                    contact_email=f"post@org{i}.bench.example",
                )
                for i in range(n_orgs)
            ),
        )
        org_ids = _ids(Organisation.objects.filter(slug__startswith="bench-org-"))
        rep_users = rng.sample(user_ids, min(len(org_ids), len(user_ids)))
        writer.write(
            Representative,
            (
                Representative(organisation_id=oid, user_id=uid, title=rng.choice(ROLES))
                for oid, uid in zip(org_ids, rep_users, strict=False)
            ),
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
        writer.write(Partnership, partnerships)
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
        writer.write(WorkingGroup, groups)
        group_members: list[WorkingGroupMember] = []
        leads = []
        for group in WorkingGroup.objects.filter(hub__in=hubs).order_by("pk"):
            pool = approved_by_hub[group.hub_id]
            chosen_ids = rng.sample(pool, min(len(pool), rng.randint(8, 15)))
            group.lead_id = chosen_ids[0]
            leads.append(group)
            group_members.extend(WorkingGroupMember(group=group, user_id=uid) for uid in chosen_ids)
        WorkingGroup.objects.bulk_update(leads, ["lead"], batch_size=BATCH)
        writer.write(WorkingGroupMember, group_members)
        step(f"{len(groups)} working groups, {len(group_members)} group members")

        _initiatives(writer, rng, hubs, weights, centres, approved_by_hub, n_initiatives)
        step(f"{n_initiatives} initiatives with their owner in the team and following")
        comments = _ideas(writer, rng, hubs, weights, approved_by_hub, n_ideas, now)
        step(f"{n_ideas} ideas, {comments} comments")
        _marks(writer, rng, hubs, weights, centres, n_marks, now)
        step(f"{n_marks} map marks")

        _write_marker(scale_key(scale))

    # Planner statistics, as a maintained database has them (autovacuum, PRAGMA optimize); on
    # PostgreSQL also the visibility map, for index-only scans.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    step("ANALYZE")
    return writer.summary()


def _point(rng: random.Random, centre: tuple[float, float], spread: float) -> tuple[float, float]:
    return round(rng.gauss(centre[0], spread * 2), 6), round(rng.gauss(centre[1], spread), 6)


def _initiatives(
    writer: Writer,
    rng: random.Random,
    hubs: list[Hub],
    weights: list[float],
    centres: dict[int, tuple[float, float]],
    members: dict[int, list[int]],
    count: int,
) -> None:
    """Initiatives with places, slugs bench-<n> (numbered per hub, as bench/initiatives_bench.py
    and bench/matching_bench.py expect), each with its owner in the team and following it."""
    per_hub = [max(1, round(count * w)) for w in weights]

    def rows() -> Iterator[Initiative]:
        for hub, n in zip(hubs, per_hub, strict=True):
            owners = members[hub.pk][:2000]
            for i in range(n):
                lon, lat = _point(rng, centres[hub.pk], 0.03)
                title = f"{rng.choice(INITIATIVE_WORDS).capitalize()} {rng.choice(INITIATIVE_WORDS)} {i}"
                yield Initiative(
                    hub=hub,
                    slug=f"bench-{i}",
                    title=title,
                    summary=f"{title}: et forslag for nabolaget.",
                    description="Vi vil gjøre stedet grønnere og tryggere.",
                    status=rng.choice(INITIATIVE_STATUSES),
                    owner_id=rng.choice(owners),
                    place={"type": "Point", "coordinates": [lon, lat]},
                    lon=lon,
                    lat=lat,
                )

    writer.write(Initiative, rows())
    made = list(
        Initiative.objects.filter(slug__startswith="bench-").order_by("pk").values_list("pk", "owner_id")
    )
    writer.write(TeamMember, (TeamMember(initiative_id=pk, user_id=o, role="owner") for pk, o in made))
    writer.write(Follow, (Follow(initiative_id=pk, user_id=owner) for pk, owner in made))


def _ideas(
    writer: Writer,
    rng: random.Random,
    hubs: list[Hub],
    weights: list[float],
    members: dict[int, list[int]],
    count: int,
    now: Any,
) -> int:
    """Ideas, half in the hubs' own spaces and half in their initiatives, with 0-2 comments each
    (comment_count agrees with the comments written). Answers the number of comments."""
    initiatives: dict[int, list[int]] = {}
    for pk, hub_id in Initiative.objects.order_by("pk").values_list("pk", "hub_id"):
        initiatives.setdefault(hub_id, []).append(pk)
    per_hub = [max(1, round(count * w)) for w in weights]

    def rows() -> Iterator[Idea]:
        serial = 0
        for hub, n in zip(hubs, per_hub, strict=True):
            authors = members[hub.pk][:5000]
            own = initiatives.get(hub.pk, [])
            for i in range(n):
                serial += 1
                yield Idea(
                    hub=hub,
                    initiative_id=rng.choice(own) if own and i % 2 else None,
                    author_id=rng.choice(authors),
                    title=f"Idé nummer {serial}: flere trær i gata",
                    body="Vi trenger flere trær, benker og trygge krysninger for barna.",
                    created=now - timedelta(minutes=serial),
                    support_count=rng.randint(0, 200),
                    comment_count=rng.choice((0, 0, 0, 1, 1, 2)),
                )

    writer.write(Idea, rows())
    authors = [uid for ids in members.values() for uid in ids[:5000]]
    # Read whole before writing: SQLite cannot page through a cursor while the same connection writes.
    ideas = list(
        Idea.objects.filter(comment_count__gt=0).order_by("pk").values_list("pk", "comment_count", "created")
    )
    return writer.write(
        Comment,
        (
            Comment(
                idea_id=pk,
                author_id=rng.choice(authors),
                body="Enig! Dette trengs.",
                created=created + timedelta(hours=k + 1),
            )
            for pk, n, created in ideas
            for k in range(n)
        ),
    )


def _mark_settings(hub: Hub, initiative: Initiative | None = None) -> tuple[MarkSettings, list[MarkCategory]]:
    settings = MarkSettings(hub=hub, initiative=initiative, boundary_required=False, anonymous_allowed=True)
    settings.save()
    categories = [
        MarkCategory.objects.create(settings=settings, name=name, colour=colour, position=i)
        for i, (name, colour) in enumerate(MARK_CATEGORIES)
    ]
    return settings, categories


def _marks(
    writer: Writer,
    rng: random.Random,
    hubs: list[Hub],
    weights: list[float],
    centres: dict[int, tuple[float, float]],
    count: int,
    now: Any,
) -> None:
    """Map marks: MAPBENCH_SHARE of them in the mapbench hub's own space over Oslo (60 % in a
    dozen dense neighbourhoods, as bench/mapinput_bench.py measures), the rest in each hub's own
    space and in the first initiative of each hub, around the hub's centre."""
    mapbench = Hub.objects.create(
        slug=MAPBENCH, name="Map bench", place="Oslo", description="Marks for the benchmark."
    )
    spaces = [(mapbench, *_mark_settings(mapbench), round(count * MAPBENCH_SHARE))]
    rest = count - spaces[0][3]
    for hub, w in zip(hubs, weights, strict=True):
        first = Initiative.objects.filter(hub=hub).order_by("pk").first()
        n = round(rest * w)
        if first is not None:
            spaces.append((hub, *_mark_settings(hub, first), n // 4))
        spaces.append((hub, *_mark_settings(hub), n - n // 4 if first is not None else n))

    def rows() -> Iterator[MapMark]:
        serial = 0
        for hub, settings, categories, n in spaces:
            if hub.slug == MAPBENCH:
                min_lon, min_lat, max_lon, max_lat = MAPBENCH_BBOX
                dense = [(rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)) for _ in range(12)]
            else:
                dense = [_point(rng, centres[hub.pk], 0.02) for _ in range(12)]
            for i in range(n):
                serial += 1
                if rng.random() < 0.6:
                    lon, lat = _point(rng, rng.choice(dense), 0.005)
                elif hub.slug == MAPBENCH:
                    lon = round(rng.uniform(min_lon, max_lon), 6)
                    lat = round(rng.uniform(min_lat, max_lat), 6)
                else:
                    lon, lat = _point(rng, centres[hub.pk], 0.04)
                if hub.slug == MAPBENCH:
                    lon, lat = min(max(lon, min_lon), max_lon), min(max(lat, min_lat), max_lat)
                yield MapMark(
                    hub=hub,
                    initiative_id=settings.initiative_id,
                    settings=settings,
                    category=categories[i % len(categories)],
                    kind=GeometryKind.POINT,
                    geometry={"type": "Point", "coordinates": [lon, lat]},
                    lon=lon,
                    lat=lat,
                    comment=f"Mark {serial}",
                    created=now - timedelta(seconds=serial),
                )

    writer.write(MapMark, rows())


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
