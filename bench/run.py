"""`make bench`: generated data at city scale, on SQLite and PostgreSQL, at two scales, served by
gunicorn and loaded from a second process; then an open-loop load test. Writes docs/performance.md.

For every database in BENCH_DATABASES (default "sqlite,postgres") and every scale in
BENCH_SCALES (default: BENCH_SMALL × BENCH_SCALE and BENCH_SCALE, i.e. 0.1 and 1), a child process
(`run.py --measure DB SCALE OUT`):

1. Fills its own database (bench/bench-<scale>.sqlite3, or allmenning_bench[_s<scale>] on the
   PostgreSQL server of BENCH_POSTGRES_URL) with bench/generate.py, reused while its marker says it
   holds that scale; imports the Södertörn indicator data; lets the *_bench.py modules add theirs.
2. Signs in a member and a steward of the largest hub in-process (a session in the database, whose
   cookie the load generator sends) and counts the SQL of one request per endpoint and role.
3. Serves the site under gunicorn (settings allmenning.settings.bench) on a free port and runs
   bench/load.py against each endpoint: anonymous for all, signed in for the hub's own pages.
4. At the full scale: for every endpoint that misses a target, profiles one request in-process
   (cProfile) for the report; and, with BENCH_LOAD_SECONDS > 0, finds the maximum throughput of
   the residents' mix (closed loop) and holds 80 % of it open-loop for BENCH_LOAD_SECONDS.

The parent compares the runs (ratio to the ceiling view of the same run, time at 10× data,
queries at both scales), writes docs/performance.md, docs/performance-load.svg and
bench/out/results.json, and exits non-zero when any request answered anything but 200 or a run
failed. Targets missed are flagged in the report (and fail the exit status with BENCH_STRICT=1).
"""

import contextlib
import cProfile
import json
import logging
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "bench"
OUT_DIR = BENCH_DIR / "out"
DOC = ROOT / "docs" / "performance.md"
SVG = ROOT / "docs" / "performance-load.svg"
SETTINGS = "allmenning.settings.bench"
CEILING = "/bench-minimal/"
ROLES = ("anonymous", "member", "steward")


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


SCALE = env_float("BENCH_SCALE", 1.0)
SMALL = env_float("BENCH_SMALL", 0.1)
SECONDS = env_float("BENCH_SECONDS", 10.0)
WARMUP = env_float("BENCH_WARMUP", 1.0)
# One client by default: the p95 target is for one client, and req/s at one client compares
# endpoints with the ceiling on equal terms.
CONCURRENCY = env_int("BENCH_CONCURRENCY", 1)
WORKERS = env_int("BENCH_WORKERS", 2)
# Generous: on a busy shared machine a worker's first request (URLconf, templates) can take long.
GUNICORN_TIMEOUT = env_int("BENCH_GUNICORN_TIMEOUT", 120)
QUERY_TIMEOUT = env_float("BENCH_QUERY_TIMEOUT", 10.0)
LOAD_SECONDS = env_float("BENCH_LOAD_SECONDS", 600.0)
LOAD_PROBE_SECONDS = env_float("BENCH_LOAD_PROBE_SECONDS", 20.0)
LOAD_SHARE = env_float("BENCH_LOAD_SHARE", 0.8)
PROFILES = env_int("BENCH_PROFILES", 12)
# Time a first import of the Södertörn package into a fresh database (a few minutes); 0 skips it.
IMPORT_TIMING = os.environ.get("BENCH_IMPORT_TIMING", "1") not in ("", "0")
# The matchmaking and consolidation sections (in-process measurements of their own); 0 skips them.
EXTRAS = os.environ.get("BENCH_EXTRAS", "1") not in ("", "0")
# Signed in: "all" of the hub's pages, or (default) the pages residents and stewards use most.
SIGNED_IN = os.environ.get("BENCH_SIGNED_IN", "main")
PARALLEL = os.environ.get("BENCH_PARALLEL", "") not in ("", "0")
STRICT = os.environ.get("BENCH_STRICT", "") not in ("", "0")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/allmenning_bench")

# Targets (issue 15): per endpoint at the full scale, and between the two scales.
TARGET_CEILING_SHARE = 0.5
TARGET_P95_MS = 50.0
TARGET_QUERIES = 12
TARGET_SCALE_RATIO = 1.2


def databases() -> list[str]:
    wanted = [d.strip() for d in os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",") if d.strip()]
    unknown = set(wanted) - {"sqlite", "postgres"}
    if unknown:
        raise SystemExit(f"BENCH_DATABASES: unknown {', '.join(sorted(unknown))} (sqlite, postgres)")
    return wanted


def scales() -> list[float]:
    raw = os.environ.get("BENCH_SCALES", "").strip()
    chosen = [float(x) for x in raw.split(",") if x.strip()] if raw else [SCALE * SMALL, SCALE]
    return sorted({round(x, 6) for x in chosen})


def tag(scale: float) -> str:
    return f"{scale:g}".replace(".", "p")


def endpoints(hub: str) -> list[str]:
    return [
        CEILING,
        "/healthz",
        "/",
        f"/{hub}/",
        f"/{hub}/members/",
        f"/{hub}/members/?page=20",  # the deepest page addressed by number from the start
        f"/{hub}/members/?q=an",
        f"/{hub}/partners/",
        f"/{hub}/groups/",
        f"/{hub}/initiatives/bench-1/",
        "/api/v1/hubs",
        f"/api/v1/hubs/{hub}/members",
        f"/api/v1/hubs/{hub}/members?offset=10000",
        f"/api/v1/hubs/{hub}/partners",
        f"/api/v1/hubs/{hub}/working-groups",
    ]


def load_mix(hub: str, paths: list[str]) -> list[str]:
    """The pages residents use most: hub home, initiative list, an initiative, ideas, map marks,
    search (each the first measured path of its kind)."""
    from bench import mapinput_bench, search_bench

    marks = next((p for p in paths if p.startswith(f"/api/v1/hubs/{mapinput_bench.HUB}/")), None)
    mix = [
        f"/{hub}/",
        f"/{hub}/initiatives/",
        f"/{hub}/initiatives/bench-1/",
        f"/{hub}/ideas/",
        marks,
        f"/{hub}/search/?q={search_bench.COMMON}",
    ]
    return [p for p in mix if p]


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
    """The idea list of the hub's own space (the ideas come from bench/generate.py)."""
    from importlib.util import find_spec

    if find_spec("bench.participation_bench") is None:
        return []
    from bench import participation_bench

    return participation_bench.prepare(hub_slug, log, count=0)


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


def database_url(db: str, scale: float) -> str | None:
    """PostgreSQL: the full scale in allmenning_bench (BENCH_POSTGRES_URL), others beside it."""
    if db != "postgres":
        return None
    if scale == scales()[-1]:
        return POSTGRES_URL
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_s{tag(scale)}"))


def sqlite_path(scale: float) -> Path:
    return BENCH_DIR / f"bench-{tag(scale)}.sqlite3"


def django_env(db: str, scale: float) -> dict[str, str]:
    """The environment every Django process of one run works in."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "SQLITE_PATH", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_HOST"):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    url = database_url(db, scale)
    if url:
        env["DATABASE_URL"] = url
    else:
        env["SQLITE_PATH"] = str(sqlite_path(scale))
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


# One run: a database at a scale ------------------------------------------------------------


def prepare_database(db: str, scale: float) -> tuple[dict, dict, dict]:
    """Migrate, fill (or reuse) the run's database; answer (sizes, database facts, generation)."""
    env = django_env(db, scale)
    url = database_url(db, scale)
    if url:
        from bench.sections import ensure_postgres_database

        ensure_postgres_database(url)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import generate

    generation_file = OUT_DIR / f"generation-{db}-{tag(scale)}.json"
    wanted = generate.scale_key(scale)
    found = generate.marker()
    generation: dict[str, Any] = {"reused": found == wanted}
    if found == wanted:
        log(f"Reusing the bench database ({wanted}).")
        with contextlib.suppress(OSError, ValueError):
            generation = {**json.loads(generation_file.read_text()), "reused": True}
    else:
        log(f"Building the bench database ({wanted}; found {found or 'nothing'}).")
        if found is None:
            pass  # empty (at most migrated): fill it
        elif url:
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            call_command("flush", interactive=False, verbosity=0)
        else:
            connection.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{sqlite_path(scale)}{suffix}").unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    if connection.vendor == "postgresql":
        # Filling and indexing run long statements (COPY of a million rows); the bench settings'
        # statement budget is for requests.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    if found != wanted:
        started = time.monotonic()
        rates = generate.generate(scale, log=log)
        generation = {"reused": False, "seconds": round(time.monotonic() - started, 1), "rates": rates}
        generation_file.write_text(json.dumps(generation, indent=2))
        log(f"Generated in {generation['seconds']:.1f} s.")
    knowledge_area = prepare_knowledge()
    from bench import initiatives_bench, mapinput_bench, matching_bench, search_bench, value_bench

    hub = generate.largest_hub()[0]
    extra_paths = initiatives_bench.prepare(hub, log, count=0)
    extra_paths += mapinput_bench.prepare(log, marks=0)
    extra_paths += participation_paths(hub, log)
    extra_paths += value_bench.prepare(hub, log)
    extra_paths += matching_bench.prepare(hub, log)
    index_search()
    extra_paths += search_bench.prepare(hub, log)  # last: indexes what the others made
    sizes = generate.counts()
    from apps.initiatives.models import Initiative
    from apps.knowledge.models import Observation
    from apps.mapinput.models import MapMark
    from apps.participation.models import Comment, Idea

    sizes["initiatives"] = Initiative.objects.count()
    sizes["ideas"] = Idea.objects.count()
    sizes["comments"] = Comment.objects.count()
    sizes["marks"] = MapMark.objects.count()
    sizes["observations"] = Observation.objects.count()
    hub, hub_members, hub_partners = generate.largest_hub()
    database: dict[str, Any] = {"vendor": connection.vendor, "hub": hub, "hub_members": hub_members}
    database["knowledge_area"] = knowledge_area
    database["extra_paths"] = extra_paths
    database["hub_partners"] = hub_partners
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            database["version"] = f"SQLite {cursor.fetchone()[0]} (WAL), file {sqlite_path(scale).name}"
        else:
            cursor.execute("select version()")
            name = connection.settings_dict["NAME"]
            database["version"] = f"{cursor.fetchone()[0].split(' on ')[0]}, database {name}"
    return sizes, database, generation


def index_search() -> None:
    """Rebuild the search index when it lacks the generated initiatives and ideas (written on the
    bulk paths, past the signals that index them; one signal-made document must not pass for an
    index, as it would with search_bench's "any documents?" check)."""
    from apps.initiatives.models import Initiative
    from apps.participation.models import Idea
    from apps.search import services
    from apps.search.models import Kind, SearchDocument

    have = SearchDocument.objects.filter(kind__in=[Kind.INITIATIVE, Kind.IDEA]).count()
    if have * 2 >= Initiative.objects.count() + Idea.objects.count():
        return
    started = time.monotonic()
    count = services.rebuild()
    log(f"Search index: {count:,} documents built in {time.monotonic() - started:.1f} s.")


def signed_in_clients(hub_slug: str) -> dict[str, Any]:
    """A test client per role, signed in with a session stored in the database (so gunicorn's
    workers accept its cookie): anonymous, an ordinary approved member, a steward."""
    from django.test import Client

    from apps.hubs.models import ApplicationStatus, Membership

    approved = Membership.objects.filter(hub__slug=hub_slug, status=ApplicationStatus.APPROVED)
    people = {
        "member": approved.filter(is_steward=False, is_board=False, is_network_lead=False),
        "steward": approved.filter(is_steward=True, is_network_lead=False),
    }
    clients = {"anonymous": Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nb")}
    for role, memberships in people.items():
        membership = memberships.select_related("user").order_by("pk").first()
        if membership is None:
            raise RuntimeError(f"The bench hub {hub_slug} has no {role}.")
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nb")
        client.force_login(membership.user)
        clients[role] = client
    return clients


def cookie_header(client: Any) -> str:
    from django.conf import settings

    morsel = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return f"{settings.SESSION_COOKIE_NAME}={morsel.value}" if morsel else ""


def key(role: str, path: str) -> str:
    return f"{role} {path}"


def profile_sql(plan: list[tuple[str, str]], clients: dict[str, Any]) -> dict[str, dict]:
    """One request per (role, endpoint) through Django's test client, with its SQL recorded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    logging.getLogger("django.request").disabled = True  # the exception is recorded below
    # A cold process loads the URLconf, templates and translations on its first requests; on a
    # busy machine that takes seconds, which must not count against the first endpoint.
    for role, path in plan[:4]:
        clients[role].get(path)
    profiles = {}
    for role, path in plan:
        client = clients[role]
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
        text = f"{exc_info[0].__name__}: {exc_info[1]}".splitlines()[0][:300] if exc_info else ""
        interrupted = "interrupted" in text or "statement timeout" in text
        profiles[key(role, path)] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "ms": round(elapsed * 1000, 1),
            "queries": len(queries),
            "sql_ms": round(sum(ms for ms, _ in queries), 1),
            "slowest_ms": round(slowest[0], 1),
            "slowest_sql": slowest[1],
            "exception": text or None,
            # Too slow to load: a statement ran out of its budget, or the request took as long.
            "too_slow": interrupted or (QUERY_TIMEOUT > 0 and elapsed >= QUERY_TIMEOUT and path != CEILING),
        }
        p = profiles[key(role, path)]
        log(f"  {role:<9} {path:<60} {p['status']}  {p['queries']} q  {p['sql_ms']} ms SQL  {p['ms']} ms")
    connection.close()
    return profiles


def cprofile(client: Any, path: str, top: int = 12) -> dict[str, Any]:
    """One request in-process under cProfile: the project's own frames by cumulative time (where
    the time goes in our code) and the heaviest functions overall by own time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        profiler.enable()
        client.get(path)
        profiler.disable()
        elapsed = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, function), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((filename, line, function, calls, own, cumulative))

    def where(filename: str, line: int, function: str) -> str:
        with contextlib.suppress(ValueError):
            filename = str(Path(filename).relative_to(ROOT))
        if ".venv/" in filename:
            filename = filename.split("site-packages/")[-1]
        return f"{function} ({filename}:{line})"

    ours = [r for r in rows if str(ROOT / "apps") in r[0] or str(ROOT / "allmenning") in r[0]]
    queries = sorted(((float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries), reverse=True)
    return {
        "ms": round(elapsed * 1000, 1),
        "ours": [
            {
                "frame": where(f, ln, fn),
                "calls": c,
                "cumulative_ms": round(cu * 1000, 1),
                "own_ms": round(o * 1000, 1),
            }
            for f, ln, fn, c, o, cu in sorted(ours, key=lambda r: r[5], reverse=True)[:top]
        ],
        "heaviest": [
            {
                "frame": where(f, ln, fn),
                "calls": c,
                "cumulative_ms": round(cu * 1000, 1),
                "own_ms": round(o * 1000, 1),
            }
            for f, ln, fn, c, o, cu in sorted(rows, key=lambda r: r[4], reverse=True)[:8]
        ],
        "queries": len(queries),
        "sql_ms": round(sum(ms for ms, _ in queries), 1),
        "slowest_sql": [{"ms": round(ms, 1), "sql": sql[:600]} for ms, sql in queries[:3]],
    }


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


def start_server(port: int, logfile: Path, env: dict[str, str]) -> subprocess.Popen:
    command = [
        gunicorn_bin(),
        "allmenning.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        str(GUNICORN_TIMEOUT),
        "--preload",  # the app is imported once, before the workers fork
    ]
    log(f"Starting: {' '.join(command[1:])} (log: {logfile.relative_to(ROOT)})")
    with logfile.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(server: subprocess.Popen, port: int, logfile: Path, limit: float = 300.0) -> None:
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


def warm_workers(port: int, paths: list[str]) -> None:
    """One request per worker at once to pages that load the URLconf and templates, so no
    measured request pays for a worker's first start (errors here are measured later anyway)."""
    import threading

    def get(path: str) -> None:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=GUNICORN_TIMEOUT).read()

    for path in paths:
        threads = [threading.Thread(target=get, args=(path,)) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


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


def load_command(port: int, cookie: str, *args: str) -> list[str]:
    command = [sys.executable, str(BENCH_DIR / "load.py"), "--port", str(port)]
    command += ["--timeout", str(GUNICORN_TIMEOUT + 30)]
    if cookie:
        command += ["--cookie", cookie]
    return command + list(args)


def run_load(port: int, paths: list[str], cookie: str) -> list[dict]:
    command = load_command(
        port,
        cookie,
        "--seconds",
        str(SECONDS),
        "--warmup",
        str(WARMUP),
        "--concurrency",
        str(CONCURRENCY),
        *paths,
    )
    # Bounded: every phase ends at its deadline plus, at worst, one request timing out.
    limit = len(paths) * (SECONDS + WARMUP + 2 * (GUNICORN_TIMEOUT + 30)) + 60
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, check=True, timeout=limit)
    return json.loads(done.stdout)["results"]


def load_test(port: int, mix: list[str]) -> dict:
    """The maximum throughput of the mix (closed loop, enough clients to keep every worker busy),
    then LOAD_SHARE of it as a constant arrival rate for LOAD_SECONDS."""
    limit = LOAD_PROBE_SECONDS + LOAD_SECONDS + 4 * (GUNICORN_TIMEOUT + 30) + 60
    probe = subprocess.run(
        load_command(
            port,
            "",
            "--mix",
            "--seconds",
            str(LOAD_PROBE_SECONDS),
            "--warmup",
            str(WARMUP),
            "--concurrency",
            str(2 * WORKERS),
            *mix,
        ),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        check=True,
        timeout=limit,
    )
    maximum = json.loads(probe.stdout)["results"][0]
    rate = round(max(0.5, LOAD_SHARE * maximum["rps"]), 2)
    log(f"Load test: maximum {maximum['rps']} req/s on the mix; holding {rate} req/s for {LOAD_SECONDS:g} s")
    held = subprocess.run(
        load_command(port, "", "--rate", str(rate), "--seconds", str(LOAD_SECONDS), "--warmup", "0", *mix),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        check=True,
        timeout=limit,
    )
    return {"mix": mix, "maximum": maximum, "share": LOAD_SHARE, **json.loads(held.stdout)["open_loop"]}


def misses(row: dict, profile: dict, ceiling_rps: float) -> list[str]:
    """Which of the per-endpoint targets a measured row misses."""
    found = []
    if row.get("errors"):
        found.append("errors")
    if ceiling_rps and (row.get("rps") or 0) < TARGET_CEILING_SHARE * ceiling_rps:
        found.append(f"req/s < {TARGET_CEILING_SHARE:.0%} of ceiling")
    if row.get("p95_ms") is None or row["p95_ms"] > TARGET_P95_MS:
        found.append(f"p95 > {TARGET_P95_MS:g} ms")
    if profile.get("queries", 0) > TARGET_QUERIES:
        found.append(f"> {TARGET_QUERIES} queries")
    return found


def measure(db: str, scale: float, extras: bool, with_load: bool) -> dict:
    """One run: prepare the database, count SQL, load every endpoint per role under gunicorn."""
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    started = time.monotonic()
    sizes, database, generation = prepare_database(db, scale)
    hub = database["hub"]
    paths = endpoints(hub) + knowledge_endpoints(database["knowledge_area"]) + database["extra_paths"]
    paths = list(dict.fromkeys(paths))
    # Signed in: the pages of the hub under test, where membership and office change the page.
    own = [p for p in paths if p.startswith(f"/{hub}/")]
    if SIGNED_IN != "all":
        main = [f"/{hub}/members/", f"/{hub}/partners/", f"/{hub}/governance/", f"/{hub}/results/"]
        main += [p for p in load_mix(hub, paths) if p.startswith(f"/{hub}/")]
        own = [p for p in own if p in main]
    plan = [("anonymous", p) for p in paths] + [(r, p) for r in ROLES[1:] for p in own]
    clients = signed_in_clients(hub)
    cookies = {role: cookie_header(c) for role, c in clients.items()}
    import_results = None
    if extras and IMPORT_TIMING:
        log("Timing a first import and a re-import of data/sodertorn-ddf in a fresh database:")
        from bench import knowledge_bench

        import_results = knowledge_bench.measure_import(sys.executable, {"DJANGO_SETTINGS_MODULE": SETTINGS})
    log("SQL per request (in-process):")
    profiles = profile_sql(plan, clients)

    port = free_port()
    logfile = OUT_DIR / f"gunicorn-{db}-{tag(scale)}.log"
    env = django_env(db, scale)
    server = start_server(port, logfile, env)
    results: dict[str, dict] = {}
    load = None
    try:
        wait_healthy(server, port, logfile)
        warm_workers(port, [f"/{hub}/", f"/{hub}/initiatives/"])
        for role in ROLES:
            mine = [p for r, p in plan if r == role]
            for path in mine:
                if profiles[key(role, path)]["too_slow"]:
                    log(
                        f"  {role} {path} skipped: one request took "
                        f"{profiles[key(role, path)]['ms'] / 1000:.1f} s"
                    )
            loaded = [p for p in mine if not profiles[key(role, p)]["too_slow"]]
            log(f"Loading {len(loaded)} endpoints as {role}, {SECONDS:g} s each, concurrency {CONCURRENCY}:")
            for r in run_load(port, loaded, cookies[role]) if loaded else []:
                results[key(role, r["path"])] = {**r, "role": role}
        if with_load and LOAD_SECONDS > 0:
            load = load_test(port, load_mix(hub, paths))
    finally:
        stop_server(server)
    rows = []
    for role, path in plan:
        row = results.get(key(role, path)) or {**skipped_row(path, profiles[key(role, path)]), "role": role}
        rows.append({**row, "key": key(role, path)})

    ceiling_rps = (results.get(key("anonymous", CEILING)) or {}).get("rps") or 0.0
    profiled: dict[str, dict] = {}
    if with_load and PROFILES > 0:
        missing = [r for r in rows if r["path"] != CEILING and misses(r, profiles[r["key"]], ceiling_rps)]
        missing.sort(key=lambda r: r.get("p95_ms") or 1e9, reverse=True)
        log(f"Profiling {min(PROFILES, len(missing))} of the {len(missing)} requests that miss a target:")
        for r in missing[:PROFILES]:
            with contextlib.suppress(Exception):
                profiled[r["key"]] = cprofile(clients[r["role"]], r["path"])
                log(f"  {r['key']}: {profiled[r['key']]['ms']} ms")

    sections: list[str] = []
    if extras:
        anonymous = [{**r} for r in rows if r["role"] == "anonymous"]
        by_path_profiles = {p: profiles[key("anonymous", p)] for p in paths}
        sections += targets(anonymous, by_path_profiles)
        from bench import knowledge_bench, mapinput_bench

        if import_results:
            sections += [knowledge_bench.markdown(import_results), ""]
        sections += ["## Map input", "", mapinput_bench.markdown(), ""]
        if EXTRAS:
            with contextlib.suppress(Exception):
                sections += matching_markdown()
            with contextlib.suppress(Exception):
                sections += consolidation_markdown()
    return {
        "db": db,
        "scale": scale,
        "wall_s": round(time.monotonic() - started, 1),
        "sizes": sizes,
        "database": database,
        "generation": generation,
        "ceiling_rps": ceiling_rps,
        "rows": rows,
        "sql": profiles,
        "profiles": profiled,
        "load": load,
        "sections": sections,
    }


# Report -------------------------------------------------------------------------------------


def machine() -> dict:
    info: dict[str, Any] = {
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


def label(db: str) -> str:
    return {"sqlite": "SQLite", "postgres": "PostgreSQL"}.get(db, db)


def compare(small: dict | None, full: dict) -> list[dict]:
    """The full run's rows with the small run's numbers beside them and every flag raised."""
    small_rows = {r["key"]: r for r in small["rows"]} if small else {}
    factor = full["scale"] / small["scale"] if small else None
    out = []
    for r in full["rows"]:
        p = full["sql"][r["key"]]
        s = small_rows.get(r["key"])
        sp = small["sql"].get(r["key"]) if small else None
        flags = [] if r["path"] == CEILING else misses(r, p, full["ceiling_rps"])
        ratio = None
        if s and s.get("p50_ms") and r.get("p50_ms") and not s.get("skipped") and not r.get("skipped"):
            ratio = r["p50_ms"] / s["p50_ms"]
            if ratio > TARGET_SCALE_RATIO and r["path"] != CEILING:
                flags.append(f"time ×{ratio:.2f} at {factor:g}× data")
        if sp and sp["queries"] != p["queries"]:
            flags.append(f"queries {sp['queries']} → {p['queries']}")
        if small and s and s.get("errors"):
            flags.append(f"errors at scale {small['scale']:g}")
        out.append(
            {
                **r,
                "queries": p["queries"],
                "status": p["status"],
                "small_p50_ms": s.get("p50_ms") if s else None,
                "small_queries": sp["queries"] if sp else None,
                "time_ratio": round(ratio, 3) if ratio else None,
                "ceiling_share": round(r["rps"] / full["ceiling_rps"], 3) if full["ceiling_rps"] else None,
                "flags": flags,
            }
        )
    return out


def svg_chart(series: dict[str, list[dict]], width: int = 640, height: int = 260) -> str:
    """p95 per window over time, one line per database, as a small hand-written SVG."""
    colours = {"SQLite": "#1d4ed8", "PostgreSQL": "#c2410c"}
    points = [
        (w["t"], w["p95_ms"]) for windows in series.values() for w in windows if w["p95_ms"] is not None
    ]
    t_max = max((t for t, _ in points), default=1.0) or 1.0
    y_max = max((v for _, v in points), default=1.0)
    y_max = max(10.0, float(f"{y_max * 1.15:.2g}"))
    left, right, top, bottom = 56, 16, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(t: float) -> float:
        return left + plot_w * t / t_max

    def y(v: float) -> float:
        return top + plot_h * (1 - v / y_max)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        "<title>Load test: p95 latency per 10-second window</title>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    for i in range(5):
        v = y_max * i / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>'
        )
    for i in range(6):
        t = t_max * i / 5
        parts.append(f'<text x="{x(t):.1f}" y="{height - bottom + 16}" text-anchor="middle">{t:.0f}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">'
        "seconds into the load test</text>"
        f'<text x="12" y="{top + plot_h / 2}" transform="rotate(-90 12 {top + plot_h / 2})" '
        'text-anchor="middle">p95 ms</text>'
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#6b7280"/>'
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#6b7280"/>'
    )
    for n, (name, windows) in enumerate(series.items()):
        colour = colours.get(name, "#374151")
        coords = " ".join(f"{x(w['t']):.1f},{y(w['p95_ms']):.1f}" for w in windows if w["p95_ms"] is not None)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>')
        parts.append(
            f'<rect x="{left + 10 + n * 120}" y="8" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + 26 + n * 120}" y="18">{name}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def profile_markdown(run_label: str, row_key: str, row: dict, prof: dict) -> list[str]:
    lines = [
        f"### {run_label}: `{row_key}`",
        "",
        f"Missed: {', '.join(row['flags'])}. One request in-process under cProfile: {fmt(prof['ms'])} ms "
        f"(profiler overhead included), {prof['queries']} queries, {fmt(prof['sql_ms'])} ms of SQL.",
        "",
        "| our code, by cumulative time | calls | cumulative ms | own ms |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| `{f['frame']}` | {f['calls']} | {fmt(f['cumulative_ms'])} | {fmt(f['own_ms'])} |"
        for f in prof["ours"]
    ]
    lines += ["", "| heaviest functions, by own time | calls | own ms |", "|---|---:|---:|"]
    lines += [f"| `{f['frame']}` | {f['calls']} | {fmt(f['own_ms'])} |" for f in prof["heaviest"]]
    if prof["slowest_sql"]:
        top = prof["slowest_sql"][0]
        lines += [
            "",
            f"Slowest SQL ({fmt(top['ms'])} ms; {explain(top['sql'])}):",
            "",
            "```sql",
            top["sql"],
            "```",
        ]
    lines.append("")
    return lines


def write_report(runs: list[dict], failed_runs: list[str], wall_s: float, m: dict) -> tuple[int, int]:
    """docs/performance.md (wholesale) and the load chart; answers (errors, flags)."""
    lines = [
        "# Performance",
        "",
        "_Generated by `make bench` (bench/run.py); rewritten on every run — do not edit by hand._",
        "",
        "## What was measured",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M UTC}; wall time of the whole run: {wall_s:.0f} s",
        f"- Machine: {m['nproc']} CPU ({m['cpu']}), {fmt(m['ram_gib'])} GiB RAM, {m['os']}; shared with "
        "other work while it ran, so compare rows of one run with each other and with the ceiling rather "
        "than with other machines",
        f"- Software: Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}",
        f"- Scales (BENCH_SCALES): {', '.join(f'{s:g}' for s in scales())}; databases: "
        f"{', '.join(label(d) for d in databases())}",
        f"- Runs: {'all at once (BENCH_PARALLEL=1), sharing the CPUs' if PARALLEL else 'one after another'}",
        f"- Server: gunicorn, {WORKERS} sync workers, timeout {GUNICORN_TIMEOUT} s, on 127.0.0.1; "
        f"settings `{SETTINGS}` (DEBUG off)",
        f"- Per endpoint: bench/load.py in a second process, {CONCURRENCY} client(s) with keep-alive, "
        f"{WARMUP:g} s warm-up then {SECONDS:g} s measured; latency until the whole body is read; "
        "anything but a 200 is an error. Anonymous for every endpoint; signed in as an approved "
        "member and as a steward (a session made in-process, its cookie sent by the client) for "
        f"{'all the pages' if SIGNED_IN == 'all' else 'the main pages'} of the hub under test. "
        "A statement running past "
        f"{QUERY_TIMEOUT:g} s is interrupted and its endpoint reported as failed, not loaded.",
        f"- Targets per endpoint at the full scale: ≥ {TARGET_CEILING_SHARE:.0%} of the ceiling's req/s, "
        f"p95 ≤ {TARGET_P95_MS:g} ms for one client, ≤ {TARGET_QUERIES} queries; between the scales: "
        f"time (p50) at the larger ≤ {TARGET_SCALE_RATIO:g}× the smaller, and the same number of queries.",
        "",
    ]
    if failed_runs:
        lines += ["**Runs that failed:** " + "; ".join(failed_runs), ""]
    errors = flags = 0
    by_db: dict[str, list[dict]] = {}
    for run in runs:
        by_db.setdefault(run["db"], []).append(run)
    lines += ["## Data", ""]
    for db, db_runs in by_db.items():
        for run in db_runs:
            s, d = run["sizes"], run["database"]
            lines.append(
                f"- {label(db)} at BENCH_SCALE={run['scale']:g} ({d['version']}): {s['hubs']} hubs, "
                f"{s['users']:,} users, {s['memberships']:,} memberships, {s['organisations']:,} "
                f"organisations, {s['partnerships']:,} partnerships, {s['working_groups']:,} working groups, "
                f"{s['initiatives']:,} initiatives, {s['ideas']:,} ideas, {s['comments']:,} comments, "
                f"{s['marks']:,} map marks, {s['observations']:,} indicator observations (the real "
                f"Södertörn data); hub under test `{d['hub']}` with {d['hub_members']:,} approved members; "
                f"the run took {run['wall_s']:.0f} s"
            )
    lines += [
        "",
        "## Generating the data",
        "",
        "bench/generate.py writes with `bulk_create` in chunks of 20,000 rows on SQLite and with "
        "`COPY … FROM STDIN` (psycopg 3) on PostgreSQL, in one transaction, then ANALYZE. The rates "
        "include making the rows in Python (seeded random data, model instances, each field's own "
        "preparation of its value), which on this machine costs more than the database's part.",
        "",
        "| database | scale | model | rows | seconds | rows/s |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for db, db_runs in by_db.items():
        for run in db_runs:
            g = run["generation"]
            note = " (generated by an earlier run, reused)" if g.get("reused") else ""
            for r in g.get("rates", []):
                lines.append(
                    f"| {label(db)}{note} | {run['scale']:g} | {r['model']} | {r['rows']:,} | "
                    f"{fmt(r['seconds'], 2)} | {r['rows_per_s'] or 0:,} |"
                )
            if not g.get("rates"):
                lines.append(
                    f"| {label(db)} | {run['scale']:g} | (reused; rates of its generation not kept) | | | |"
                )
    lines.append("")
    compared: dict[str, list[dict]] = {}
    for db, db_runs in by_db.items():
        db_runs.sort(key=lambda r: r["scale"])
        full = db_runs[-1]
        small = db_runs[0] if len(db_runs) > 1 else None
        rows = compare(small, full)
        compared[db] = rows
        errors += sum(1 for r in rows if r.get("errors"))
        if small:
            errors += sum(1 for r in small["rows"] if r.get("errors"))
        flagged = [r for r in rows if r["flags"]]
        flags += len(flagged)
        small_label = f"{small['scale']:g}" if small else "–"
        lines += [
            f"## Results: {label(db)}",
            "",
            f"Full scale {full['scale']:g}; the ceiling (`{CEILING}`, a Django view with no template "
            f"and no database, through the same middleware and gunicorn) served "
            f"{fmt(full['ceiling_rps'])} req/s. {len(flagged)} of {len(rows) - 1} rows miss a target.",
            "",
            f"| who | endpoint | p50 ms | p95 ms | req/s | × ceiling | queries | p50 ms at {small_label} | "
            f"queries at {small_label} | time ratio | misses |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in rows:
            if r.get("skipped"):
                measured = f"> {QUERY_TIMEOUT * 1000:,.0f} | – | – | –"
            else:
                measured = " | ".join(
                    (fmt(r["p50_ms"]), fmt(r["p95_ms"]), fmt(r["rps"]), fmt(r["ceiling_share"], 2))
                )
            lines.append(
                f"| {r['role']} | `{r['path']}` | {measured} | {r['queries']} | {fmt(r['small_p50_ms'])} | "
                f"{'–' if r['small_queries'] is None else r['small_queries']} | "
                f"{fmt(r['time_ratio'], 2)} | "
                f"{'; '.join(r['flags']) or 'ok'} |"
            )
        lines.append("")
        bad = [r for r in rows if r.get("errors")]
        if bad:
            lines += [
                "Errors: "
                + "; ".join(
                    f"{r['key']} ({', '.join(f'{k}×{v}' for k, v in r['statuses'].items() if k != '200')}: "
                    f"{full['sql'][r['key']]['exception'] or r.get('first_error') or ''})"
                    for r in bad
                ),
                "",
            ]
    lines += [
        "## Where the time goes",
        "",
        f"For the requests that miss a target (the {PROFILES} slowest by p95 per database, at the full "
        "scale): one request in-process under cProfile after a warm-up request, our own frames by "
        "cumulative time, the heaviest functions by own time, and the slowest SQL statement.",
        "",
    ]
    for db, db_runs in by_db.items():
        full = db_runs[-1]
        rows_by_key = {r["key"]: r for r in compared[db]}
        for row_key, prof in full["profiles"].items():
            lines += profile_markdown(label(db), row_key, rows_by_key[row_key], prof)
    lines += ["## Load test", ""]
    series = {}
    for db, db_runs in by_db.items():
        load = db_runs[-1].get("load")
        if not load:
            continue
        errors += 1 if load["errors"] else 0
        worst = max((w["p95_ms"] or 0 for w in load["windows"]), default=0)
        series[label(db)] = load["windows"]
        lines += [
            f"- {label(db)} at scale {db_runs[-1]['scale']:g}: the mix "
            f"({', '.join(f'`{p}`' for p in load['mix'])}) "
            f"reached at most {fmt(load['maximum']['rps'])} req/s closed-loop ({2 * WORKERS} clients, "
            f"{LOAD_PROBE_SECONDS:g} s); then {fmt(load['rate'], 2)} req/s ({load['share']:.0%} of it) "
            "arriving "
            f"at a constant rate for {load['seconds']:g} s: {load['requests']:,} of {load['due']:,} requests "
            f"answered, **{load['errors']} errors**, p50 {fmt(load['p50_ms'])} ms, "
            f"p95 {fmt(load['p95_ms'])} ms, "
            f"p99 {fmt(load['p99_ms'])} ms; worst {load['window']:g}-second window p95 {fmt(worst)} ms.",
        ]
    if series:
        SVG.write_text(svg_chart(series))
        lines += [
            "",
            "![Load test: p95 per 10-second window, per database](performance-load.svg)",
            "",
            "Latency counts from the moment each request was due (open loop), so queueing in the "
            "server shows. BENCH_LOAD_SECONDS sets the duration (0 leaves the load test out).",
            "",
        ]
    else:
        lines += ["Not run (BENCH_LOAD_SECONDS=0 or no full-scale run).", ""]
    for run in runs:
        if run["sections"]:
            lines += [
                f"_The sections below come from the {label(run['db'])} run at scale {run['scale']:g}._",
                "",
            ]
            lines += run["sections"]
    from bench import frontend

    if frontend.RESULTS.exists():
        lines += frontend.section()
    lines += [
        "Raw numbers: bench/out/results.json; server logs: bench/out/gunicorn-*.log (gitignored).",
        "Environment: BENCH_SCALE, BENCH_SMALL, BENCH_SCALES, BENCH_DATABASES, BENCH_POSTGRES_URL, "
        "BENCH_SECONDS, BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_GUNICORN_TIMEOUT, "
        "BENCH_QUERY_TIMEOUT, BENCH_LOAD_SECONDS, BENCH_LOAD_PROBE_SECONDS, BENCH_LOAD_SHARE, "
        "BENCH_PROFILES, BENCH_IMPORT_TIMING, BENCH_EXTRAS, BENCH_SIGNED_IN, BENCH_PARALLEL, BENCH_STRICT.",
        "",
    ]
    DOC.write_text("\n".join(lines + kept_sections()))
    return errors, flags


def kept_sections() -> list[str]:
    """The sections other benches write into docs/performance.md between their own markers
    (`<!-- search-bench:begin -->` … `<!-- search-bench:end -->`, the map bench's likewise):
    this run does not measure them, so it keeps them as they are."""
    if not DOC.exists():
        return []
    pattern = r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->"
    return [match.group(0) + "\n" for match in re.finditer(pattern, DOC.read_text(), flags=re.S)]


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--prepare":
        # Fill one database ahead of a run (the run then reuses it): run.py --prepare DB SCALE
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        prepare_database(sys.argv[2], float(sys.argv[3]))
        return 0
    if len(sys.argv) >= 5 and sys.argv[1] == "--measure":
        db, scale, out = sys.argv[2], float(sys.argv[3]), Path(sys.argv[4])
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        result = measure(db, scale, extras="--extras" in sys.argv, with_load="--full" in sys.argv)
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
        return 0
    started = time.monotonic()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    runs, failed = [], []
    chosen = scales()
    planned = []
    for n, db in enumerate(databases()):
        for scale in chosen:
            full = scale == chosen[-1]
            out = OUT_DIR / f"run-{db}-{tag(scale)}.json"
            out.unlink(missing_ok=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--measure", db, str(scale), str(out)]
            command += ["--full"] if full else []
            command += ["--extras"] if full and n == 0 else []
            planned.append((db, scale, out, command))
    # BENCH_PARALLEL=1 runs them all at once (each with its own database, server and port): much
    # quicker, but they share the CPUs; the ratios to the ceiling of the same run stay meaningful.
    if PARALLEL:
        log(f"== {len(planned)} runs at once")
        started_runs = [
            (db, scale, out, subprocess.Popen(command, cwd=ROOT)) for db, scale, out, command in planned
        ]
        finished = [(db, scale, out, process.wait()) for db, scale, out, process in started_runs]
    else:
        finished = []
        for db, scale, out, command in planned:
            log(f"== {label(db)} at BENCH_SCALE={scale:g}")
            finished.append((db, scale, out, subprocess.run(command, cwd=ROOT, check=False).returncode))
    for db, scale, out, status in finished:
        if status != 0 or not out.exists():
            failed.append(f"{label(db)} at scale {scale:g} (exit status {status}; see the output)")
            continue
        runs.append(json.loads(out.read_text()))
    info = machine()
    (OUT_DIR / "results.json").write_text(
        json.dumps({"machine": info, "runs": runs, "failed": failed}, indent=1, ensure_ascii=False)
    )
    errors, flags = write_report(runs, failed, time.monotonic() - started, info)
    log(
        f"Wrote {DOC.relative_to(ROOT)} in {time.monotonic() - started:.0f} s: {errors} endpoint(s) with "
        f"errors, {flags} row(s) missing a target, {len(failed)} failed run(s)."
    )
    if failed or errors or (STRICT and flags):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
