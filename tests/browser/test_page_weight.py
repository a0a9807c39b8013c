"""First load of the home, hub and initiative pages of the demo, served as in production: at
most 200 KB transferred each, every script deferred, static files hashed and compressed.

The site runs under gunicorn in its own process, with whitenoise serving the output of
`collectstatic` (CompressedManifestStaticFilesStorage: hashed names, gzip) as `.ci/production-smoke`
and `make demo` do, and Chromium loads each page cold (a new browser context, the cache off)
until the network is idle. Bytes are what crossed the wire (DevTools' encodedDataLength: headers
and compressed bodies). First and largest contentful paint (FCP, LCP) are recorded in
bench/out/frontend.json, the median of three cold loads; timing depends on the machine and
its load, so the time budgets are asserted by `make bench` (bench/frontend.py), not here.

Map tiles come from a third party (MAP_TILE_URL) and are left out (off here, as in every test).
"""

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out" / "frontend.json"
BYTE_BUDGET = 200 * 1024
LOADS = 3

# Read through the DevTools protocol (page.evaluate), which the Content Security Policy allows.
PAINT_TIMES = """() => new Promise((resolve) => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  let lcp = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lcp = Math.max(lcp || 0, entry.startTime);
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve({fcp: fcp ? fcp.startTime : null, lcp: lcp}), 200);
})"""
SCRIPTS = """() => Array.from(document.querySelectorAll("script[src]")).map(
  (s) => ({src: s.getAttribute("src"), deferred: s.defer || s.async || s.type === "module"}))"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    """The test database, for the server in the other process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def production_server(work: Path) -> Iterator[str]:
    """gunicorn with DEBUG off and whitenoise serving hashed, compressed static files."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "allmenning.settings.base",
        "DEBUG": "0",
        "DATABASE_URL": _database_url(),
        "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "STATIC_ROOT": str(work / "static"),
        "WHITENOISE_USE_FINDERS": "0",
        "CACHE_DIR": str(work / "cache"),
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "MAP_TILE_URL": "",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    collected = subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert collected.returncode == 0, collected.stderr[-3000:]
    port = _free_port()
    log = work / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                *(str(BIN / "gunicorn"), "allmenning.wsgi:application", "--bind", f"127.0.0.1:{port}"),
                *("--workers", "2", "--threads", "4", "--timeout", "60"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise AssertionError("gunicorn did not answer:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.25)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def cold_load(browser, url: str) -> dict:
    """Load `url` once in a fresh context: bytes per response, scripts, paint times."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        responses: dict[str, dict] = {}
        finished: dict[str, int] = {}

        def received(event: dict) -> None:
            response = event["response"]
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            responses[event["requestId"]] = {
                "url": response["url"],
                "type": event.get("type", ""),
                "status": response["status"],
                "encoding": headers.get("content-encoding", ""),
                "mime": response.get("mimeType", ""),
            }

        devtools.on("Network.responseReceived", received)
        devtools.on(
            "Network.loadingFinished",
            lambda event: finished.__setitem__(event["requestId"], int(event["encodedDataLength"])),
        )
        answer = page.goto(url, wait_until="load")
        assert answer is not None and answer.status == 200, url
        page.wait_for_load_state("networkidle")
        paint = page.evaluate(PAINT_TIMES)
        scripts = page.evaluate(SCRIPTS)
        origin = url.split("/", 3)[:3]
        files = []
        for request_id, response in responses.items():
            if request_id in finished:
                files.append({**response, "bytes": finished[request_id]})
        return {
            "bytes": sum(f["bytes"] for f in files if f["url"].split("/", 3)[:3] == origin),
            "third_party_requests": sum(1 for f in files if f["url"].split("/", 3)[:3] != origin),
            "files": sorted(files, key=lambda f: -f["bytes"]),
            "scripts": scripts,
            "fcp_ms": paint["fcp"],
            "lcp_ms": paint["lcp"],
        }
    finally:
        context.close()


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 1) if known else None


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_first_load_of_the_main_pages_stays_within_the_byte_budget(browser, tmp_path):
    from apps.initiatives.models import Initiative

    call_command("seed_demo", stdout=StringIO())
    initiative = Initiative.objects.filter(hub__slug="oslo").order_by("pk").first()
    assert initiative is not None
    pages = {"home": "/", "hub": "/oslo/", "initiative": initiative.get_absolute_url()}

    measured: dict[str, dict] = {}
    with production_server(tmp_path) as base:
        for name, path in pages.items():
            loads = [cold_load(browser, base + path) for _ in range(LOADS)]
            first = loads[0]
            measured[name] = {
                "path": path,
                "bytes": max(load["bytes"] for load in loads),
                "requests": len(first["files"]),
                "third_party_requests": first["third_party_requests"],
                "fcp_ms": _median([load["fcp_ms"] for load in loads]),
                "lcp_ms": _median([load["lcp_ms"] for load in loads]),
                "fcp_ms_all": [load["fcp_ms"] for load in loads],
                "lcp_ms_all": [load["lcp_ms"] for load in loads],
                "largest": [
                    {"url": f["url"].split("/", 3)[-1], "bytes": f["bytes"], "encoding": f["encoding"]}
                    for f in first["files"][:8]
                ],
                "scripts": first["scripts"],
                "files": first["files"],
            }

    OUT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "budget_bytes": BYTE_BUDGET,
        "loads_per_page": LOADS,
        "pages": {name: {k: v for k, v in m.items() if k != "files"} for name, m in measured.items()},
    }
    OUT.write_text(json.dumps(report, indent=2) + "\n")

    for name, m in measured.items():
        assert m["bytes"] <= BYTE_BUDGET, f"{name} ({m['path']}): {m['bytes']} bytes; largest: {m['largest']}"
        assert all(s["deferred"] for s in m["scripts"]), f"{name}: a script is not deferred: {m['scripts']}"
        static = [f for f in m["files"] if "/static/" in f["url"]]
        assert static, name
        for f in static:
            path = f["url"].split("?")[0]
            assert f["status"] == 200, f
            # Hashed names (ManifestStaticFilesStorage), so they can be cached for ever.
            assert path.rsplit(".", 2)[-2].isalnum() and len(path.rsplit(".", 2)[-2]) == 12, path
            if path.endswith((".css", ".js", ".svg", ".json")):
                assert f["encoding"] in ("gzip", "br"), f"{path} was sent uncompressed"
