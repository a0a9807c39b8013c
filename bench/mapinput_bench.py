"""Benchmark hook for map input: 100,000 marks in one space, and the clustered marks endpoint
at three views. Runs inside bench/run.py's Django process, on the bench database:

    from bench import mapinput_bench
    paths = mapinput_bench.prepare(log)      # creates the marks once; returns endpoint paths
    section = mapinput_bench.markdown()
"""

import random
from collections.abc import Callable
from typing import Any

HUB = "mapbench"
MARKS = 100_000
SEED = 7
# Oslo's built-up area, roughly.
BBOX = (10.60, 59.85, 10.95, 60.00)
SMALL_BBOX = (10.740, 59.910, 10.752, 59.916)
CATEGORIES = [("Trygghet", "#c2410c"), ("Grønt", "#15803d"), ("Møteplass", "#7c3aed"), ("Trafikk", "#1d4ed8")]


def _box(bbox: tuple[float, float, float, float]) -> str:
    return ",".join(f"{v:g}" for v in bbox)


def _analyze() -> None:
    """Fresh statistics (and, on PostgreSQL outside a transaction, a visibility map for
    index-only scans) so that the planner sees the 100,000 new rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE mapinput_mapmark")
        else:
            cursor.execute("ANALYZE mapinput_mapmark")


def prepare(log: Callable[[str], Any], marks: int | None = None) -> list[str]:
    """Make sure the space holds at least `marks` (default MARKS) marks (bench/generate.py writes
    them at city scale; run.py passes 0); answer the endpoint paths."""
    marks = MARKS if marks is None else marks
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from apps.hubs.models import Hub
    from apps.mapinput.models import GeometryKind, MapMark, MarkCategory, MarkSettings
    from apps.participation.spaces import Space

    hub, _ = Hub.objects.get_or_create(
        slug=HUB, defaults={"name": "Map bench", "place": "Oslo", "description": "Marks for the benchmark."}
    )
    space = Space(hub=hub)
    settings = MarkSettings.objects.filter(hub=hub, space_key=space.key).first()
    if settings is None:
        settings = MarkSettings(boundary_required=False, anonymous_allowed=True)
        settings.set_space(space)
        settings.save()
    categories = list(settings.categories.all())
    if not categories:
        categories = [
            MarkCategory.objects.create(settings=settings, name=name, colour=colour, position=i)
            for i, (name, colour) in enumerate(CATEGORIES)
        ]
    have = MapMark.objects.filter(settings=settings).count()
    if have < marks:
        log(f"mapinput: creating {marks - have:,} marks …")
        rng = random.Random(SEED + have)
        now = timezone.now()
        min_lon, min_lat, max_lon, max_lat = BBOX
        # A few dense neighbourhoods over an even spread, like real input.
        centres = [(rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)) for _ in range(12)]
        batch: list[MapMark] = []
        with transaction.atomic():
            for i in range(marks - have):
                if rng.random() < 0.6:
                    cx, cy = rng.choice(centres)
                    lon = min(max(rng.gauss(cx, 0.01), min_lon), max_lon)
                    lat = min(max(rng.gauss(cy, 0.005), min_lat), max_lat)
                else:
                    lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
                lon, lat = round(lon, 7), round(lat, 7)
                batch.append(
                    MapMark(
                        hub=hub,
                        settings=settings,
                        category=categories[i % len(categories)],
                        kind=GeometryKind.POINT,
                        geometry={"type": "Point", "coordinates": [lon, lat]},
                        lon=lon,
                        lat=lat,
                        comment=f"Mark {have + i}",
                        created=now - timedelta(seconds=i),
                    )
                )
                if len(batch) == 5000:
                    MapMark.objects.bulk_create(batch)
                    batch = []
            if batch:
                MapMark.objects.bulk_create(batch)
        _analyze()
        log("mapinput: marks ready.")
    base = f"/api/v1/hubs/{HUB}/spaces/hub/marks"
    return [
        f"{base}?bbox={_box(BBOX)}&zoom=11",
        f"{base}?bbox={_box(SMALL_BBOX)}&zoom=16",
        f"{base}?bbox={_box(BBOX)}&zoom=11&format=heat",
    ]


def markdown() -> str:
    return (
        "The map input endpoints are measured on one space with 100,000 marks over Oslo (60 % in a "
        "dozen dense neighbourhoods, 40 % spread evenly): the whole area at zoom 11 (clusters grouped "
        "on a grid in SQL), a few blocks at zoom 16 (single marks) and the heat grid at zoom 11."
    )
