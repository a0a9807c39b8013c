"""Benchmark hook for the knowledge importers: import data/sodertorn-ddf into a fresh SQLite
database in a subprocess and measure wall time and peak memory. bench/run.py wires it in:

    from bench import knowledge_bench
    results = knowledge_bench.measure_import(sys.executable, {"DJANGO_SETTINGS_MODULE": SETTINGS})
    section = knowledge_bench.markdown(results)
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "sodertorn-ddf"
GEOMETRY = [
    "municipality=assets/sodertorn-kommun.json:ID_2=map_id",
    "basomrade=assets/sodertorn-basomr2010.json:BASKOD2010=baskod2010",
]
HUB = "sodertorn"


def _run(python: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def measure_import(python: str, settings_env: dict) -> dict:
    """Migrate a fresh SQLite file, create the hub, then time `manage.py import_ddf` on the
    Södertörn package (first import, then a re-import that should change nothing).

    Returns {"seconds", "reimport_seconds", "peak_rss_mb", "observations", "summary", "ok"}.
    Peak memory is the largest resident set of any child process (ru_maxrss of
    RUSAGE_CHILDREN), which includes the migrate step; it is measured after the import."""
    with tempfile.TemporaryDirectory(prefix="knowledge-bench-") as tmp:
        env = {**os.environ, **{k: str(v) for k, v in settings_env.items()}}
        env.pop("DATABASE_URL", None)  # always a fresh SQLite file
        env["SQLITE_PATH"] = str(Path(tmp) / "import.sqlite3")
        env.setdefault("DJANGO_SETTINGS_MODULE", "allmenning.settings.bench")
        setup = _run(python, ["migrate", "--noinput", "-v0"], env)
        if setup.returncode != 0:
            return {"ok": False, "error": setup.stderr[-2000:]}
        create = _run(
            python,
            [
                "shell",
                "-c",
                "from apps.hubs.models import Hub; "
                f"Hub.objects.get_or_create(slug='{HUB}', "
                "defaults={'name': 'Södertörn', 'place': 'Södertörn'})",
            ],
            env,
        )
        if create.returncode != 0:
            return {"ok": False, "error": create.stderr[-2000:]}
        args = ["import_ddf", str(PACKAGE), "--hub", HUB, "-v0"]
        for spec in GEOMETRY:
            args += ["--geometry", spec]
        started = time.perf_counter()
        first = _run(python, args, env)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        second = _run(python, args, env)
        reimport_seconds = time.perf_counter() - started
        timings = subprocess.run(
            [python, str(ROOT / "bench" / "import_timings.py")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        summary = [line.strip() for line in first.stdout.splitlines() if line.strip()]
        observations = next((line for line in summary if line.startswith("Observations:")), "")
        try:
            targets = json.loads(timings.stdout.strip().splitlines()[-1])
        except (json.JSONDecodeError, IndexError):
            targets = {"error": timings.stderr[-2000:]}
        return {
            "targets": targets,
            "ok": first.returncode == 0 and second.returncode == 0,
            "error": (first.stderr or second.stderr)[-2000:] if first.returncode or second.returncode else "",
            "seconds": round(seconds, 2),
            "reimport_seconds": round(reimport_seconds, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1),  # Linux: kilobytes
            "observations": observations,
            "reimport_observations": next(
                (
                    line.strip()
                    for line in second.stdout.splitlines()
                    if line.strip().startswith("Observations:")
                ),
                "",
            ),
            "summary": summary,
        }


def markdown(results: dict) -> str:
    """A short markdown section for docs/performance.md."""
    lines = ["## Importing the Södertörn DDF package", ""]
    if not results.get("ok"):
        lines += ["The import failed:", "", "```", str(results.get("error", "")).strip(), "```", ""]
        return "\n".join(lines)
    lines += [
        "`manage.py import_ddf data/sodertorn-ddf` with both geometry files, into a fresh SQLite "
        "database, in a subprocess (wall time includes Python and Django start-up).",
        "",
        "| run | wall time | peak memory (RSS) | observations |",
        "| --- | ---: | ---: | --- |",
        f"| first import | {results['seconds']:.1f} s | {results['peak_rss_mb']:.0f} MB | "
        f"{results['observations'].removeprefix('Observations: ')} |",
        f"| re-import (unchanged) | {results['reimport_seconds']:.1f} s | | "
        f"{results['reimport_observations'].removeprefix('Observations: ')} |",
        "",
    ]
    lines += targets_markdown(results)
    return "\n".join(lines)


# Limits that once were asserted inside unit tests; a shared CPU made those tests flaky, so they
# are measured here and reported against their targets instead.
TARGETS = [
    ("first import of the Södertörn package (`import_ddf`, subprocess)", "seconds", 60),
    ("1,364 real small areas through `areas_upsert` (in-process)", "areas_seconds", 10),
    ("the demo's knowledge seed again, package unchanged (in-process)", "demo_reseed_seconds", 2),
]


def targets_markdown(results: dict) -> list[str]:
    timings = {**results, **results.get("targets", {})}
    lines = ["### Import targets", ""]
    if "error" in results.get("targets", {}):
        return [
            *lines,
            "Timing the targets failed:",
            "",
            "```",
            results["targets"]["error"].strip(),
            "```",
            "",
        ]
    lines += ["| what | measured | target | met |", "| --- | ---: | ---: | --- |"]
    for label, key, limit in TARGETS:
        value = timings.get(key)
        if value is None:
            lines.append(f"| {label} | – | < {limit} s | not measured |")
            continue
        lines.append(f"| {label} | {value:.2f} s | < {limit} s | {'yes' if value < limit else '**no**'} |")
    again = results.get("targets", {})
    if again:
        lines += [
            "",
            "The second demo seed skipped the unchanged package: "
            f"{'yes' if again.get('demo_reseed_skipped') else 'no'}; "
            f"importing the small areas again took {again.get('areas_again_seconds', 0):.2f} s and left "
            f"{again.get('areas_again_unchanged', 0):,} of {again.get('areas', 0):,} unchanged.",
        ]
    return [*lines, ""]


if __name__ == "__main__":
    result: dict[str, Any] = measure_import(
        sys.executable, {"DJANGO_SETTINGS_MODULE": "allmenning.settings.bench"}
    )
    print(markdown(result))
