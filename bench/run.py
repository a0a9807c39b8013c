"""`make bench`: generated data at scale, served by gunicorn, loaded from a second process.

1. Fills bench/bench.sqlite3 (or BENCH_DATABASE_URL, PostgreSQL) with generated data at
   BENCH_SCALE (default 1.0: 5 hubs, ~30,000 people, ~3,000 organisations, ~100 working
   groups); reused when it already holds that scale.
2. Counts the SQL of one request per endpoint, in-process.
3. Serves the site under gunicorn (settings allmenning.settings.bench) on a free port.
4. Runs bench/load.py against each endpoint for BENCH_SECONDS (default 10) at
   BENCH_CONCURRENCY (default 4) after BENCH_WARMUP (default 1) seconds of warm-up.
5. Writes docs/performance.md (wholesale) and bench/out/results.json; stops the server.

Exits non-zero when any endpoint answered anything but 200.
"""

import contextlib
import json
import logging
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "bench"
OUT_DIR = BENCH_DIR / "out"
DOC = ROOT / "docs" / "performance.md"
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"
SETTINGS = "allmenning.settings.bench"
CEILING = "/bench-minimal/"


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


SCALE = env_float("BENCH_SCALE", 1.0)
SECONDS = env_float("BENCH_SECONDS", 10.0)
WARMUP = env_float("BENCH_WARMUP", 1.0)
CONCURRENCY = env_int("BENCH_CONCURRENCY", 4)
WORKERS = env_int("BENCH_WORKERS", 2)
GUNICORN_TIMEOUT = env_int("BENCH_GUNICORN_TIMEOUT", 30)
QUERY_TIMEOUT = env_float("BENCH_QUERY_TIMEOUT", 10.0)
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "").strip()


def endpoints(hub: str) -> list[str]:
    return [
        CEILING,
        "/healthz",
        "/",
        f"/{hub}/",
        f"/{hub}/members/",
        f"/{hub}/members/?page=50",
        f"/{hub}/members/?q=an",
        f"/{hub}/partners/",
        f"/{hub}/groups/",
        "/api/v1/hubs",
        f"/api/v1/hubs/{hub}/members",
        f"/api/v1/hubs/{hub}/members?offset=10000",
        f"/api/v1/hubs/{hub}/partners",
        f"/api/v1/hubs/{hub}/working-groups",
    ]


# The knowledge endpoints run on the real Södertörn data (data/sodertorn-ddf), imported into a
# hub of that name in the bench database. One indicator-year for every small area is the case
# the place issue sets a target for (p95 under 50 ms); the GeoJSON of all small areas must stay
# under 1 MB.
KNOWLEDGE_HUB = "sodertorn"
VALUES_PATH = (
    f"/api/v1/hubs/{KNOWLEDGE_HUB}/indicators/median_income_aged_gt_20/values?year=2014&level=basomrade"
)
GEOJSON_PATH = f"/api/v1/hubs/{KNOWLEDGE_HUB}/areas?level=basomrade"


def knowledge_endpoints(area_code: str) -> list[str]:
    h = KNOWLEDGE_HUB
    return [
        VALUES_PATH,
        VALUES_PATH + "&format=csv",
        f"/api/v1/hubs/{h}/indicators",
        GEOJSON_PATH,
        f"/{h}/knowledge/?indicator=median_income_aged_gt_20&level=basomrade&year=2014",
        f"/{h}/knowledge/bubbles/data/?level=basomrade",
        f"/{h}/areas/",
        f"/{h}/areas/{area_code}/",
        f"/{h}/areas/{area_code}/brief/",
        f"/{h}/goals/",
        "/api/v1/sdg/goals",
    ]


def participation_paths(hub_slug: str, log) -> list[str]:  # type: ignore[no-untyped-def]
    """The idea list of the hub's own space, filled with ideas if the bench has none."""
    from importlib.util import find_spec

    if find_spec("bench.participation_bench") is None:
        return []
    from bench import participation_bench

    return participation_bench.prepare(hub_slug, log)


def prepare_knowledge() -> str:
    """Import the Södertörn DDF package into the bench database (skipped when unchanged);
    return the code of a small area to load its pages."""
    from apps.hubs.models import Hub
    from apps.knowledge.services import ddf_import
    from apps.places.models import Area
    from bench import knowledge_bench

    hub, _ = Hub.objects.get_or_create(
        slug=KNOWLEDGE_HUB, defaults={"name": "Södertörn", "place": "Södertörn", "country": "SE"}
    )
    started = time.monotonic()
    summary = ddf_import(
        hub=hub, path=knowledge_bench.PACKAGE, geometry=knowledge_bench.GEOMETRY, skip_unchanged=True
    )
    log(f"Södertörn data ready in {time.monotonic() - started:.1f} s ({summary}).")
    area = (
        Area.objects.filter(hub=hub, level__slug="basomrade", geometry__isnull=False)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    return str(area)


def log(message: str) -> None:
    print(message, flush=True)


def django_env() -> dict[str, str]:
    """The environment every Django process of the benchmark runs with."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "SQLITE_PATH", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_HOST"):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if DATABASE_URL:
        env["DATABASE_URL"] = DATABASE_URL
    else:
        env["SQLITE_PATH"] = str(SQLITE_PATH)
    return env


def manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=django_env(), check=True)


# Data ---------------------------------------------------------------------------------------


def prepare_database() -> tuple[dict, dict]:
    """Migrate, fill (or reuse) the bench database; return (data sizes, database facts)."""
    wanted_env = django_env()
    os.environ.clear()
    os.environ.update(wanted_env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import generate

    wanted = generate.scale_key(SCALE)
    found = generate.marker()
    if found == wanted:
        log(f"Reusing the bench database ({wanted}).")
    else:
        log(f"Building the bench database ({wanted}; found {found or 'nothing'}).")
        if DATABASE_URL:
            manage("migrate", "--noinput", "--verbosity", "0")
            call_command("flush", interactive=False, verbosity=0)
        else:
            connection.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    manage("migrate", "--noinput", "--verbosity", "0")
    if found != wanted:
        generate.generate(SCALE, log=log)
        log(f"Generated in {time.monotonic() - started:.1f} s.")
    database_knowledge_area = prepare_knowledge()
    from bench import initiatives_bench, mapinput_bench, matching_bench, search_bench, value_bench

    hub_for_initiatives = generate.largest_hub()[0]
    extra_paths = initiatives_bench.prepare(hub_for_initiatives, log)
    extra_paths += mapinput_bench.prepare(log)
    extra_paths += participation_paths(hub_for_initiatives, log)
    extra_paths += value_bench.prepare(hub_for_initiatives, log)
    extra_paths += matching_bench.prepare(hub_for_initiatives, log)
    extra_paths += search_bench.prepare(hub_for_initiatives, log)  # last: indexes what the others made
    sizes = generate.counts()
    from apps.initiatives.models import Initiative
    from apps.knowledge.models import Observation
    from apps.mapinput.models import MapMark
    from apps.participation.models import Idea

    sizes["initiatives"] = Initiative.objects.count()
    sizes["ideas"] = Idea.objects.count()
    sizes["marks"] = MapMark.objects.count()
    sizes["observations"] = Observation.objects.count()
    hub, hub_members, hub_partners = generate.largest_hub()
    database = {"vendor": connection.vendor, "hub": hub, "hub_members": hub_members}
    database["knowledge_area"] = database_knowledge_area
    database["extra_paths"] = extra_paths
    database["hub_partners"] = hub_partners
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            database["version"] = f"SQLite {cursor.fetchone()[0]} (WAL), file {SQLITE_PATH.name}"
        else:
            cursor.execute("select version()")
            database["version"] = cursor.fetchone()[0].split(" on ")[0]
    return sizes, database


def profile_sql(paths: list[str]) -> dict[str, dict]:
    """One request per endpoint through Django's test client, with its SQL recorded."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.getLogger("django.request").disabled = True  # the exception is recorded below
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nb")
    profiles = {}
    for path in paths:
        # The first request warms imports, templates and the connection; a slow one is kept.
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
            if elapsed > 1.0:
                break
        queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
        slowest = max(queries, default=(0.0, ""))
        exc_info = getattr(response, "exc_info", None)
        text = f"{exc_info[0].__name__}: {exc_info[1]}".splitlines()[0][:300] if exc_info else None
        interrupted = bool(text) and ("interrupted" in text or "statement timeout" in text)
        profiles[path] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "ms": round(elapsed * 1000, 1),
            "queries": len(queries),
            "sql_ms": round(sum(ms for ms, _ in queries), 1),
            "slowest_ms": round(slowest[0], 1),
            "slowest_sql": slowest[1],
            "exception": text,
            # Too slow to load: a statement ran out of its budget, or the request took as long.
            "too_slow": interrupted or (QUERY_TIMEOUT > 0 and elapsed >= QUERY_TIMEOUT),
        }
        log(
            f"  {path:<48} {response.status_code}  {len(queries)} queries  "
            f"{profiles[path]['sql_ms']} ms SQL  {profiles[path]['ms']} ms"
        )
    connection.close()
    return profiles


# Server -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_bin() -> str:
    local = Path(sys.executable).parent / "gunicorn"
    found = str(local) if local.exists() else shutil.which("gunicorn")
    if not found:
        raise SystemExit("gunicorn is not installed (make setup).")
    return found


def start_server(port: int, logfile: Path) -> subprocess.Popen:
    command = [
        gunicorn_bin(),
        "allmenning.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        str(GUNICORN_TIMEOUT),
    ]
    log(f"Starting: {' '.join(command[1:])} (log: {logfile.relative_to(ROOT)})")
    with logfile.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=django_env(), stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(server: subprocess.Popen, port: int, logfile: Path, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{tail(logfile)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within {limit:.0f} s:\n{tail(logfile)}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # the master stops its workers
    try:
        server.wait(timeout=GUNICORN_TIMEOUT + 10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


def skipped_row(path: str, profile: dict) -> dict:
    return {
        "path": path,
        "skipped": True,
        "requests": 1,
        "errors": 1,
        "statuses": {str(profile["status"]): 1},
        "first_error": profile["exception"],
        "rps": 0.0,
        "p50_ms": profile["ms"],
        "p95_ms": None,
    }


def run_load(port: int, paths: list[str]) -> list[dict]:
    command = [
        sys.executable,
        str(BENCH_DIR / "load.py"),
        "--port",
        str(port),
        "--seconds",
        str(SECONDS),
        "--warmup",
        str(WARMUP),
        "--concurrency",
        str(CONCURRENCY),
        "--timeout",
        str(GUNICORN_TIMEOUT + 30),
        *paths,
    ]
    # Bounded: every phase ends at its deadline plus, at worst, one request timing out.
    limit = len(paths) * (SECONDS + WARMUP + 2 * (GUNICORN_TIMEOUT + 30)) + 60
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, check=True, timeout=limit)
    return json.loads(done.stdout)["results"]


# Report -------------------------------------------------------------------------------------


def machine() -> dict:
    info = {
        "nproc": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "ram_gib": None,
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    import django
    import gunicorn

    info["django"] = django.get_version()
    info["gunicorn"] = gunicorn.__version__
    return info


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def explain(sql: str) -> str:
    """A short reason for a slow statement, from its shape."""
    upper = sql.upper()
    to_many = [
        t for t in ("hubs_membership", "hubs_partnership", "hubs_workinggroup") if f'JOIN "{t}"' in sql
    ]
    if len(to_many) >= 2 and "COUNT(" in upper:
        return (
            f"a count over {len(to_many)} one-to-many relations joined at once ({', '.join(to_many)}): "
            "their rows multiply (members × partners × groups) before COUNT(DISTINCT …) or GROUP BY"
        )
    if " OFFSET " in upper:
        return "a deep OFFSET: the database sorts and skips every earlier row"
    if "LIKE" in upper:
        return "a LIKE '%…%' search, which no index can serve (a full scan)"
    if "COUNT(" in upper:
        return "a COUNT over the filtered join (the paginator's total)"
    return "the largest statement of the request"


def reading(rows: list[dict], profiles: dict[str, dict]) -> str:
    by_path = {r["path"]: r for r in rows}
    ceiling = by_path.get(CEILING, {})
    ceiling_rps = ceiling.get("rps") or 0
    others = [r for r in rows if r["path"] != CEILING and not r["errors"]]
    failed = [r for r in rows if r["errors"]]
    parts = []
    if ceiling_rps:
        parts.append(
            f"The ceiling — a Django view with no template and no database, through the same "
            f"middleware and gunicorn — served {ceiling_rps:,.0f} req/s at a p50 of "
            f"{fmt(ceiling.get('p50_ms'))} ms."
        )
    if others and ceiling_rps:
        ratios = sorted(others, key=lambda r: r["rps"], reverse=True)
        best = ratios[0]
        parts.append(
            f"The fastest real endpoint, {best['path']}, reached {best['rps'] / ceiling_rps:.0%} of it"
        )
        slow = [r for r in ratios if r["rps"] < 0.1 * ceiling_rps]
        if slow:
            parts[-1] += "; these stay below a tenth of it: " + "; ".join(
                f"{r['path']} ({r['rps'] / ceiling_rps:.1%}, p50 {fmt(r['p50_ms'])} ms)" for r in slow
            )
        parts[-1] += "."
        causes = []
        for r in sorted(others, key=lambda r: r["p50_ms"] or 0, reverse=True)[:4]:
            p = profiles.get(r["path"])
            if not p or not p["slowest_sql"] or p["slowest_ms"] < 20:
                continue
            causes.append(
                f"{r['path']} runs {p['queries']} queries; its slowest, {fmt(p['slowest_ms'])} ms of "
                f"{fmt(p['sql_ms'])} ms SQL, is {explain(p['slowest_sql'])}"
            )
        if causes:
            parts.append("Where the time goes (one request, in-process): " + "; ".join(causes) + ".")
        many = [r["path"] for r in others if profiles.get(r["path"], {}).get("queries", 0) > 10]
        if many:
            parts.append("More than 10 queries per request (look for N+1): " + ", ".join(many) + ".")
    too_slow = [r for r in failed if r.get("skipped")]
    if too_slow:
        shapes: dict[str, list[str]] = {}
        for r in too_slow:
            shapes.setdefault(explain(profiles[r["path"]]["slowest_sql"]), []).append(r["path"])
        parts.append(
            f"{len(too_slow)} endpoint(s) were too slow to load at all: one request ran past the "
            f"{QUERY_TIMEOUT:g} s statement budget. "
            + " ".join(
                f"The statement that ran out of time in {', '.join(paths)} is {shape}."
                for shape, paths in shapes.items()
            )
        )
    errored = [r for r in failed if not r.get("skipped")]
    if errored:
        parts.append(
            f"{len(errored)} endpoint(s) answered with errors, so their numbers time error pages, not "
            "the page: " + "; ".join(f"{r['path']} ({error_reason(r, profiles)})" for r in errored) + "."
        )
    return " ".join(parts) or "No results."


def targets(rows: list[dict], profiles: dict[str, dict]) -> list[str]:
    """The place issue's targets, checked against this run."""
    by_path = {r["path"]: r for r in rows}
    values = by_path.get(VALUES_PATH, {})
    geojson = profiles.get(GEOJSON_PATH, {})
    p95 = values.get("p95_ms")
    size = geojson.get("bytes", 0)
    ok_values = p95 is not None and p95 < 50 and not values.get("errors")
    ok_size = 0 < size < 1_000_000
    from bench import search_bench

    hub = next(
        (
            r["path"].split("/")[1]
            for r in rows
            if r["path"].split("/")[2:] == ["search", "?q=" + search_bench.COMMON]
        ),
        "",
    )
    search_rows = [by_path.get(p.format(hub=hub), {}) for p in search_bench.TARGET_PATHS]
    search_p95 = [r.get("p95_ms") for r in search_rows]
    ok_search = all(
        r.get("p95_ms") is not None and r["p95_ms"] <= 50 and not r.get("errors") for r in search_rows
    )
    search_measured = ", ".join(f"p95 {fmt(p)} ms" for p in search_p95)
    return [
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| one indicator-year for every small area, p95 under 50 ms (`{VALUES_PATH}`) | "
        f"p95 {fmt(p95)} ms | {'yes' if ok_values else 'NO'} |",
        f"| simplified GeoJSON of all small areas under 1 MB (`{GEOJSON_PATH}`) | "
        f"{size:,} bytes | {'yes' if ok_size else 'NO'} |",
        "| search across all kinds, p95 ≤ 50 ms (`"
        + "`, `".join(p.format(hub=hub) for p in search_bench.TARGET_PATHS)
        + f"`) | {search_measured} | {'yes' if ok_search else 'NO'} |",
        "",
    ]


def matching_markdown() -> list[str]:
    """Matchmaking's quality on the labelled demo personas and its ranking time at city scale
    (issue 11: suggestions for one member over 20,000 initiatives in under 200 ms)."""
    from bench import matching_bench

    m = matching_bench.measure()
    met = "yes" if m["member_p95_ms"] < 200 else "NO"
    return [
        "## Matchmaking",
        "",
        "Quality on the labelled set `apps/matching/evaluation/labels.yaml` (demo personas and "
        "initiatives, labelled before the results were seen), and the time to rank suggestions in "
        "process (no database) over generated data.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| precision@5 (of the suggestions shown) | {m['precision_at_5']:.3f} |",
        f"| precision@5 (always divided by 5) | {m['strict_precision_at_5']:.3f} |",
        f"| recall@5 | {m['recall_at_5']:.3f} |",
        f"| one member over {m['initiatives']:,.0f} initiatives, p50 / p95 ms | "
        f"{m['member_p50_ms']} / {m['member_p95_ms']} (target < 200: {met}) |",
        f"| one initiative over {m['members']:,.0f} members, p50 / p95 ms | "
        f"{m['initiative_p50_ms']} / {m['initiative_p95_ms']} |",
        "| building the index of initiatives / members, s | "
        f"{m['index_build_s']} / {m['members_index_build_s']} |",
        "",
    ]


def consolidation_markdown() -> list[str]:
    """The overlap finder's precision and recall on the labelled set (issue 11, item 8)."""
    from apps.consolidation.evaluation import evaluate

    m = evaluate()
    lines = [
        "## Consolidation",
        "",
        "The overlap finder on the labelled set `apps/consolidation/evaluation/labels.yaml` (the "
        "demo's initiatives and four more pairs neighbours wrote twice, labelled before the finder "
        "ran): every pair it proposes against the pairs a steward would want to see.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| precision | {m['precision']:.3f} ({m['proposed']} proposed) |",
        f"| recall | {m['recall']:.3f} ({m['labelled']} labelled overlaps) |",
        "",
    ]
    if m["missed"] or m["wrong"]:
        lines += [f"Missed: {m['missed']}. Proposed wrongly: {m['wrong']}.", ""]
    return lines


def error_reason(row: dict, profiles: dict[str, dict]) -> str:
    if row.get("skipped"):
        p = profiles[row["path"]]
        return f"not loaded, one request took {p['ms'] / 1000:.1f} s: {p['exception'] or 'too slow'}"
    exception = profiles.get(row["path"], {}).get("exception")
    statuses = ", ".join(f"{k}×{v}" for k, v in sorted(row["statuses"].items()) if k != "200")
    return f"{statuses}: {exception}" if exception else f"{statuses}: {row['first_error'] or ''}"


def write_report(meta: dict, rows: list[dict], profiles: dict[str, dict]) -> None:
    m, d, s = meta["machine"], meta["database"], meta["sizes"]
    lines = [
        "# Performance",
        "",
        "_Generated by `make bench` (bench/run.py); rewritten on every run — do not edit by hand._",
        "",
        "## What was measured",
        "",
        f"- Date: {meta['date']}; wall time of the whole run: {meta['wall_s']:.0f} s",
        f"- Machine: {m['nproc']} CPU ({m['cpu']}), {fmt(m['ram_gib'])} GiB RAM, {m['os']}",
        f"- Software: Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}",
        f"- Database: {d['version']}; settings `{SETTINGS}` (DEBUG off)",
        f"- Data (BENCH_SCALE={SCALE:g}, counted from the database): {s['hubs']} hubs, "
        f"{s['users']:,} users ({s['public_profiles']:,} with a public profile, "
        f"{s['profile_competences']:,} competence links), {s['memberships']:,} memberships "
        f"({s['approved_memberships']:,} approved), {s['organisations']:,} organisations with "
        f"{s['representatives']:,} representatives, {s['partnerships']:,} partnerships "
        f"({s['approved_partnerships']:,} approved), {s['working_groups']:,} working groups with "
        f"{s['working_group_members']:,} members; {s['initiatives']:,} initiatives, {s['ideas']:,} ideas, "
        f"{s['marks']:,} map marks, {s['observations']:,} indicator observations (the real Södertörn data)",
        f"- Hub under test: `{d['hub']}`, the largest: {d['hub_members']:,} approved members, "
        f"{d['hub_partners']:,} approved partners",
        f"- Server: gunicorn, {WORKERS} sync workers, timeout {GUNICORN_TIMEOUT} s, on 127.0.0.1",
        f"- Load: bench/load.py in a second process on the same machine, {CONCURRENCY} threads with "
        f"keep-alive connections (the sync workers close each one after its response, so each "
        f"request opens one); per endpoint {WARMUP:g} s warm-up, then {SECONDS:g} s measured. "
        f"Any SQL statement running past {QUERY_TIMEOUT:g} s is interrupted (bench-only "
        "middleware; statement_timeout on PostgreSQL) and an endpoint whose single "
        "in-process request runs that long is not loaded but reported as failed. "
        "Latency is from sending the request to having read the whole body; anything but a 200 "
        "is an error. The client shares the CPUs with the server, so compare rows with each "
        "other and with the ceiling rather than with other machines.",
        "",
        "## Results",
        "",
        "| endpoint | p50 ms | p95 ms | req/s | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        label = f"`{r['path']}`"
        if r["path"] == CEILING:
            label = f"**`{r['path']}` — ceiling: plain Django view, no DB**"
        if r.get("skipped"):
            lines.append(f"| {label} | > {QUERY_TIMEOUT * 1000:,.0f} | – | – | not loaded: too slow |")
            continue
        lines.append(
            f"| {label} | {fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | {fmt(r['rps'])} | "
            f"{r['errors']} of {r['requests']} |"
        )
    lines += ["", "## Reading", "", reading(rows, profiles), ""]
    lines += targets(rows, profiles)
    from bench import knowledge_bench

    lines += [knowledge_bench.markdown(meta["import"]), ""]
    from bench import mapinput_bench

    lines += ["## Map input", "", mapinput_bench.markdown(), ""]
    lines += matching_markdown()
    lines += consolidation_markdown()
    lines += [
        "## SQL per request",
        "",
        "One request per endpoint through Django's test client (in-process, after one warm-up "
        "request), with every statement recorded.",
        "",
        "| endpoint | status | bytes | queries | SQL ms | slowest statement ms | slowest statement is |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        p = profiles.get(r["path"])
        if p:
            lines.append(
                f"| `{r['path']}` | {p['status']} | {p['bytes']:,} | {p['queries']} | {fmt(p['sql_ms'])} | "
                f"{fmt(p['slowest_ms'])} | {explain(p['slowest_sql']) if p['slowest_ms'] >= 20 else ''} |"
            )
    lines += [
        "",
        "Raw numbers: bench/out/results.json; server log: bench/out/gunicorn.log (both gitignored).",
        "Environment: BENCH_SCALE, BENCH_SECONDS, BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_WORKERS, "
        "BENCH_GUNICORN_TIMEOUT, BENCH_QUERY_TIMEOUT, BENCH_DATABASE_URL (PostgreSQL instead of "
        "bench/bench.sqlite3; it is flushed and refilled when it does not hold the wanted scale).",
        "",
    ]
    DOC.write_text("\n".join(lines))


def main() -> int:
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    started = time.monotonic()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    sizes, database = prepare_database()
    paths = (
        endpoints(database["hub"]) + knowledge_endpoints(database["knowledge_area"]) + database["extra_paths"]
    )
    log("Timing a first import and a re-import of data/sodertorn-ddf in a fresh database:")
    from bench import knowledge_bench

    import_results = knowledge_bench.measure_import(sys.executable, {"DJANGO_SETTINGS_MODULE": SETTINGS})
    log("SQL per request (in-process):")
    profiles = profile_sql(paths)

    port = free_port()
    logfile = OUT_DIR / "gunicorn.log"
    server = start_server(port, logfile)
    try:
        wait_healthy(server, port, logfile)
        log(f"Loading {len(paths)} endpoints, {SECONDS:g} s each, concurrency {CONCURRENCY}:")
        loaded = [p for p in paths if not profiles[p]["too_slow"]]
        for path in paths:
            if profiles[path]["too_slow"]:
                log(f"  {path:<48} skipped: one request took {profiles[path]['ms'] / 1000:.1f} s")
        results = {r["path"]: r for r in run_load(port, loaded)} if loaded else {}
    finally:
        stop_server(server)
    rows = [results.get(path) or skipped_row(path, profiles[path]) for path in paths]

    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "wall_s": time.monotonic() - started,
        "machine": machine(),
        "database": database,
        "sizes": sizes,
        "import": import_results,
        "settings": {
            "scale": SCALE,
            "seconds": SECONDS,
            "warmup": WARMUP,
            "concurrency": CONCURRENCY,
            "workers": WORKERS,
            "gunicorn_timeout": GUNICORN_TIMEOUT,
            "query_timeout": QUERY_TIMEOUT,
        },
    }
    (OUT_DIR / "results.json").write_text(
        json.dumps({**meta, "results": rows, "sql": profiles}, indent=2, ensure_ascii=False)
    )
    write_report(meta, rows, profiles)
    failed = [r["path"] for r in rows if r["errors"]]
    log(f"Wrote {DOC.relative_to(ROOT)} and bench/out/results.json in {meta['wall_s']:.0f} s.")
    if failed:
        log(f"Errors on {len(failed)} endpoint(s): {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
