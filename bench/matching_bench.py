"""Matchmaking at scale (issue 11, item 8): the quality of member → initiative suggestions on the
labelled demo set, and the latency of suggestions for one member over a generated 20,000
initiatives and 50,000 members.

    from bench import matching_bench
    paths = matching_bench.prepare("oslo", print)   # needs on the bench initiatives; paths to load
    numbers = matching_bench.measure()              # {"precision_at_5": …, "member_p95_ms": …, …}

or `python bench/matching_bench.py` (prints the numbers as JSON; settings from DJANGO_SETTINGS_MODULE
are not needed for `measure`, which touches no database). The target: `member_p95_ms` < 200.

`measure` times exactly what the site runs per request once a hub's index is kept
(`MatchIndex.rank` with the member's competences, places, goals and text, reasons included);
`index_build_s` is the one-off cost of building the kept index after the hub's initiatives change.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_WORDS = """
hage planter stauder jord benk tre gjenbruk sykkel verksted lek gate barn ungdom kunst mural bier
blomster eng elv park torg møteplass nabolag dugnad reparasjon kafé klær verktøy lys energi
solceller regnvann kompost frukt bær grønnsaker tak fasade belysning trygghet skole bibliotek musikk
scene teater dans mat marked bytte deling bil parkering buss trikk gangvei sti skog vann brygge båt
fiske historie kulturarv data kart måling luft støy varme kulde snø is vinter sommer
"""
WORDS = _WORDS.split()
PLACES = [
    "Tøyen", "Grünerløkka", "Sagene", "Gamle Oslo", "Frogner", "Nydalen", "Grønland", "Majorstuen",
    "Vålerenga", "Torshov", "Bjørvika", "Holmlia", "Furuset", "Stovner", "Ullern",
]  # fmt: skip
COMPETENCES = 18
GOALS = 20
STATUSES = ["idea", "active", "paused"]


def prepare(hub_slug: str, log: Callable[[str], Any]) -> list[str]:
    """Give the hub's bench initiatives (made by bench/initiatives_bench.py) a competence need and
    a resource need each, once; answer the paths to load (public pages and API)."""
    from apps.accounts.models import Competence
    from apps.hubs.models import Hub
    from apps.initiatives.models import Initiative
    from apps.matching.models import Need

    hub = Hub.objects.get(slug=hub_slug)
    competences = list(Competence.objects.order_by("pk")[:COMPETENCES])
    initiatives = list(
        Initiative.objects.filter(hub=hub)
        .exclude(needs__isnull=False)
        .order_by("pk")
        .values_list("pk", "slug")[:5000]
    )
    if initiatives and competences:
        log(f"matching: needs for {len(initiatives):,} initiatives …")
        rng = random.Random(11)
        rows = []
        for pk, _slug in initiatives:
            rows.append(Need(initiative_id=pk, kind="competence", competence=rng.choice(competences)))
            rows.append(Need(initiative_id=pk, kind="resource", text=" ".join(rng.sample(WORDS, 3))))
        Need.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    first = Initiative.objects.filter(hub=hub).order_by("pk").values_list("slug", flat=True).first()
    if first is None:
        return []
    return [
        f"/{hub_slug}/matching/initiatives/{first}/",
        f"/api/v1/hubs/{hub_slug}/initiatives/{first}/needs",
    ]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(initiatives: int, members: int, seed: int = 11) -> tuple[list[Any], list[Any]]:
    """Initiatives and members as scoring Items, with competences, places, goals and words drawn
    the way the demo has them (a few of each)."""
    from apps.matching.scoring import Item, normalise

    rng = random.Random(seed)
    places = [normalise(p) for p in PLACES]
    made = [
        Item(
            key=i,
            competences=frozenset(rng.sample(range(COMPETENCES), rng.randint(0, 3))),
            places=frozenset(rng.sample(places, rng.randint(0, 1))),
            goals=frozenset(f"g{g}" for g in rng.sample(range(GOALS), rng.randint(0, 2))),
            text=_text(rng, rng.randint(8, 40)),
        )
        for i in range(initiatives)
    ]
    people = [
        Item(
            key=i,
            competences=frozenset(rng.sample(range(COMPETENCES), rng.randint(0, 3))),
            places=frozenset(rng.sample(places, 1)),
            goals=frozenset(f"g{g}" for g in rng.sample(range(GOALS), rng.randint(0, 3))),
            text=_text(rng, rng.randint(0, 20)),
        )
        for i in range(members)
    ]
    return made, people


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(p95 * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


def measure(
    initiatives: int = 20_000, members: int = 50_000, queries: int = 50, seed: int = 11
) -> dict[str, float]:
    """precision@5 on the labelled set and the latency of suggestions at scale, as numbers."""
    from apps.matching.evaluation import evaluate
    from apps.matching.scoring import MatchIndex

    quality = evaluate()
    made, people = generate(initiatives, members, seed)
    started = time.perf_counter()
    index = MatchIndex(made)
    index_build = time.perf_counter() - started
    rng = random.Random(seed + 1)
    for person in rng.sample(people, 3):  # warm-up
        index.rank(person, limit=10)
    member_times = []
    for person in rng.sample(people, queries):
        started = time.perf_counter()
        index.rank(person, limit=10)
        member_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    people_index = MatchIndex(people)
    people_build = time.perf_counter() - started
    initiative_times = []
    for item in rng.sample(made, max(5, queries // 5)):
        started = time.perf_counter()
        people_index.rank(item, limit=10)
        initiative_times.append(time.perf_counter() - started)
    member = _ms(member_times)
    initiative = _ms(initiative_times)
    return {
        "precision_at_5": quality["precision_at_5"],
        "strict_precision_at_5": quality["strict_precision_at_5"],
        "recall_at_5": quality["recall_at_5"],
        "initiatives": float(initiatives),
        "members": float(members),
        "index_build_s": round(index_build, 3),
        "member_p50_ms": member["p50"],
        "member_p95_ms": member["p95"],
        "member_max_ms": member["max"],
        "members_index_build_s": round(people_build, 3),
        "initiative_p50_ms": initiative["p50"],
        "initiative_p95_ms": initiative["p95"],
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
