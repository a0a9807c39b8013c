"""The clustered map at a million marks (issue 15 point 4: any bbox and zoom in ≤ 100 ms and
≤ 100 KB), standalone:

    .venv/bin/python -m bench.map_bench            # SQLite, bench/map.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python -m bench.map_bench

Writes MAP_BENCH_MARKS (default 1,000,000) marks over Oslo in one space straight into the
marks table (the pyramid's triggers are dropped for the load and the cells counted once
afterwards with the migration's own statement, then the triggers are put back), reused when
there. Then times the marks endpoint in-process (Django's test client, one request at a time,
after a warm-up) for a set of views and writes p50/p95 and the answer's size to
bench/out/map.json and the "Map clustering at city scale" section of docs/performance.md
(between its markers).
"""

import importlib
import itertools
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "map.json"
HUB = "mapbench"
BBOX = (10.60, 59.85, 10.95, 60.00)  # Oslo's built-up area, roughly
CATEGORIES = [("Trygghet", "#c2410c"), ("Grønt", "#15803d"), ("Møteplass", "#7c3aed"), ("Trafikk", "#1d4ed8")]


def box(b: tuple[float, ...]) -> str:
    return ",".join(f"{v:g}" for v in b)


def fill(count: int, log: Callable[[str], None]) -> int:
    from django.db import connection, transaction

    from apps.hubs.models import Hub
    from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
    from apps.participation.spaces import Space

    hub, _ = Hub.objects.get_or_create(slug=HUB, defaults={"name": "Map bench", "place": "Oslo"})
    space = Space(hub=hub)
    settings = MarkSettings.objects.filter(hub=hub, space_key=space.key).first()
    if settings is None:
        settings = MarkSettings(boundary_required=False, anonymous_allowed=True)
        settings.set_space(space)
        settings.save()
    categories = list(settings.categories.all()) or [
        MarkCategory.objects.create(settings=settings, name=n, colour=c, position=i)
        for i, (n, c) in enumerate(CATEGORIES)
    ]
    have = MapMark.objects.filter(settings=settings).count()
    if have >= count:
        log(f"map bench: reusing {have:,} marks.")
        return have
    migration = importlib.import_module("apps.mapinput.migrations.0004_markcell_pyramid")
    vendor = connection.vendor
    started = time.monotonic()
    rng = random.Random(7)
    min_lon, min_lat, max_lon, max_lat = BBOX
    centres = [(rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)) for _ in range(12)]
    now = datetime(2026, 11, 1, tzinfo=UTC)

    def rows() -> Any:
        for i in range(count - have):
            if rng.random() < 0.6:  # a dozen dense neighbourhoods over an even spread
                cx, cy = rng.choice(centres)
                lon = min(max(rng.gauss(cx, 0.01), min_lon), max_lon)
                lat = min(max(rng.gauss(cy, 0.005), min_lat), max_lat)
            else:
                lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
            lon, lat = round(lon, 7), round(lat, 7)
            geometry = json.dumps({"type": "Point", "coordinates": [lon, lat]})
            yield (
                hub.pk,
                settings.pk,
                categories[i % len(categories)].pk,
                "point",
                geometry,
                lon,
                lat,
                f"Mark {have + i}",
                "",
                now - timedelta(seconds=i),
                False,
                "",
            )

    sql = (
        "INSERT INTO mapinput_mapmark (hub_id, settings_id, category_id, kind, geometry, lon, lat, comment, "
        "photo, created, hidden, hidden_reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = 0")  # the bench settings' limit is per request
        # The load without the triggers, the cells counted once afterwards, the triggers back.
        for statement in migration.BACKWARD[vendor]:
            if "gridlevel" not in statement:
                cursor.execute(statement)
        cursor.execute("DELETE FROM mapinput_markcell WHERE settings_id = %s", [settings.pk])
        it = rows()
        done = 0
        while chunk := list(itertools.islice(it, 10_000)):
            cursor.executemany(sql, chunk)
            done += len(chunk)
            if done % 200_000 == 0:
                log(f"map bench: {done:,} marks ({time.monotonic() - started:.0f} s)")
        cursor.execute("DELETE FROM mapinput_markcell")
        cursor.execute(migration.BACKFILL[vendor])
        for statement in migration.FORWARD[vendor]:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET statement_timeout = 0")
            cursor.execute("VACUUM ANALYZE mapinput_mapmark")
            cursor.execute("VACUUM ANALYZE mapinput_markcell")
        else:
            cursor.execute("ANALYZE")
    log(f"map bench: {count - have:,} marks and their cells in {time.monotonic() - started:.0f} s.")
    return count


def cases() -> list[tuple[str, str]]:
    base = f"/api/v1/hubs/{HUB}/spaces/hub/marks"
    small = (10.740, 59.910, 10.752, 59.916)
    return [
        ("the whole city, zoom 11", f"{base}?bbox={box(BBOX)}&zoom=11"),
        ("the whole city, zoom 13", f"{base}?bbox={box(BBOX)}&zoom=13"),
        ("a district, zoom 14", f"{base}?bbox=10.70,59.90,10.80,59.95&zoom=14"),
        ("a few blocks, zoom 16", f"{base}?bbox={box(small)}&zoom=16"),
        ("a few blocks, zoom 19", f"{base}?bbox={box(small)}&zoom=19"),
        ("Norway, zoom 5", f"{base}?bbox=4,57,31,71&zoom=5"),
        ("the world, zoom 3", f"{base}?bbox=-180,-90,180,90&zoom=3"),
        ("the world, zoom 20", f"{base}?bbox=-180,-90,180,90&zoom=20"),
        ("no bbox, zoom 12", f"{base}?zoom=12"),
        ("heat, the whole city, zoom 11", f"{base}?bbox={box(BBOX)}&zoom=11&format=heat"),
        ("heat, the world, zoom 22", f"{base}?bbox=-180,-90,180,90&zoom=22&format=heat"),
    ]


def measure(rounds: int, log: Callable[[str], None]) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    client = Client()
    results = []
    for label, path in cases():
        response = client.get(path)
        queries: list[str] = []  # counted with a wrapper: each request start resets Django's own log

        def count(
            execute: Any, sql: str, params: Any, many: bool, context: Any, queries: list[str] = queries
        ) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        data = response.json() if response.status_code == 200 else {}
        row = {
            "case": label,
            "path": path,
            "status": response.status_code,
            "bytes": len(response.content),
            "features": len(data.get("features", data.get("cells", []))),
            "mode": data.get("mode", data.get("type", "")),
            "total": data.get("total", 0),
            "queries": len(queries),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        }
        log(f"  {row['p50_ms']:7.1f} {row['p95_ms']:7.1f} ms {row['bytes']:>8,} B  {label}")
        results.append(row)
    return results


def markdown(data: dict[str, Any]) -> str:
    lines = [
        "## Map clustering at city scale",
        "",
        "_Written by `python -m bench.map_bench` (with `DATABASE_URL` for PostgreSQL); the section "
        "between its markers is replaced on each run._",
        "",
        "One space with MAP_BENCH_MARKS (default 1,000,000) point marks over Oslo (60 % in a dozen "
        "dense neighbourhoods, 40 % "
        "spread evenly, four categories), written in bulk; the clusters come from the counted grid "
        "cells (`MarkCell`, zoom 0–15, kept by triggers), zoomed in further from the marks in the "
        "bbox. One request at a time through Django's test client, in-process, after a warm-up. "
        "Target: ≤ 100 ms and ≤ 100 KB for any bbox and zoom.",
        "",
    ]
    for run in data["runs"].values():
        lines += [
            f"### {run['database']}: {run['marks']:,} marks, "
            f"{run['rounds']} requests per case, {run['date']}"
            + (f", load average {run['load']} on this machine" if "load" in run else ""),
            "",
            "| view | status | mode | features | total | bytes | queries | p50 ms | p95 ms | met |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in run["results"]:
            met = r["p95_ms"] <= 100 and r["bytes"] <= 100_000 and r["status"] == 200
            lines.append(
                f"| {r['case']} | {r['status']} | {r['mode']} | {r['features']:,} | {r['total']:,} | "
                f"{r['bytes']:,} | {r['queries']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                f"{'yes' if met else 'NO'} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allmenning.settings.bench")
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("SQLITE_PATH", str(ROOT / "bench" / "map.sqlite3"))
    import django

    from bench import sections

    sections.ensure_postgres_database(os.environ.get("DATABASE_URL"))
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    def log(message: str) -> None:
        print(message, flush=True)

    count = int(os.environ.get("MAP_BENCH_MARKS", "1000000"))
    rounds = int(os.environ.get("MAP_BENCH_ROUNDS", "30"))
    call_command("migrate", verbosity=0)
    marks = fill(count, log)
    database = sections.database_name(connection)
    log(f"map bench on {database}: p50, p95, bytes, view")
    results = measure(rounds, log)
    data = json.loads(OUT.read_text()) if OUT.exists() else {"runs": {}}
    data["runs"][connection.vendor] = {
        "database": database,
        "marks": marks,
        "rounds": rounds,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": round(os.getloadavg()[0], 1),
        "results": results,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    sections.write_section("map-bench", markdown(data))
    ok = all(r["p95_ms"] <= 100 and r["bytes"] <= 100_000 and r["status"] == 200 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
