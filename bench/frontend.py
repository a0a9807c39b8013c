"""Front-end budgets: the first load of the home, hub and initiative pages.

tests/browser/test_page_weight.py serves the demo as in production (gunicorn, whitenoise with
hashed, gzip-compressed static files), loads each page cold in Chromium three times and writes
bench/out/frontend.json: bytes transferred (asserted there, at most 200 KB) and the median first
and largest contentful paint (FCP, LCP). Paint times depend on the machine and its load, so their
budgets are asserted here, in `make bench`, not in the test suite.

    python bench/frontend.py            # run the browser test, then check the time budgets
    python bench/frontend.py --check    # only check an existing bench/out/frontend.json
    python bench/frontend.py --measure  # only measure (make bench: before bench/run.py, which
                                        # puts section() into docs/performance.md)

`section()` gives the Markdown for docs/performance.md (bench/run.py writes that file).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "out" / "frontend.json"
FCP_BUDGET_MS = 1000.0
LCP_BUDGET_MS = 1250.0
BYTE_BUDGET = 200 * 1024


def measure() -> None:
    """Run the browser test that writes RESULTS (it fails on a byte budget by itself)."""
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/browser/test_page_weight.py"],
        cwd=ROOT,
        env={**os.environ, "REQUIRE_BROWSER": "1"},
        check=True,
    )


def load() -> dict:
    return json.loads(RESULTS.read_text())


def failures(results: dict) -> list[str]:
    found = []
    for name, page in results["pages"].items():
        if page["bytes"] > BYTE_BUDGET:
            found.append(f"{name}: {page['bytes']:,} bytes transferred, budget {BYTE_BUDGET:,}")
        for key, budget in (("fcp_ms", FCP_BUDGET_MS), ("lcp_ms", LCP_BUDGET_MS)):
            value = page.get(key)
            if value is None:
                found.append(f"{name}: no {key[:3].upper()} was recorded")
            elif value > budget:
                found.append(f"{name}: {key[:3].upper()} {value:.0f} ms, budget {budget:.0f} ms")
    return found


def section(results: dict | None = None) -> list[str]:
    """Markdown lines for docs/performance.md."""
    if results is None:
        if not RESULTS.exists():
            return []
        results = load()
    lines = [
        "## Front end: first load",
        "",
        "Measured by tests/browser/test_page_weight.py in Debian's Chromium on this machine: the demo served "
        "by gunicorn with whitenoise (hashed, gzip-compressed static files), each page loaded cold "
        f"{results['loads_per_page']} times until the network is idle; bytes are what crossed the wire "
        "(headers and compressed bodies, the most of the loads; map tiles from a third party not included), "
        "paint times the median. Budgets: "
        f"{BYTE_BUDGET // 1024} KB, FCP {FCP_BUDGET_MS:.0f} ms, LCP {LCP_BUDGET_MS:.0f} ms.",
        "",
        "| page | path | KB transferred | requests | FCP ms | LCP ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, page in results["pages"].items():
        fcp = "–" if page.get("fcp_ms") is None else f"{page['fcp_ms']:.0f}"
        lcp = "–" if page.get("lcp_ms") is None else f"{page['lcp_ms']:.0f}"
        lines.append(
            f"| {name} | `{page['path']}` | {page['bytes'] / 1024:.1f} | {page['requests']} | {fcp} | {lcp} |"
        )
    problems = failures(results)
    lines += ["", "Over budget: " + "; ".join(problems) if problems else "All within budget.", ""]
    return lines


def main() -> int:
    if "--check" not in sys.argv:
        measure()
    if "--measure" in sys.argv:
        return 0
    results = load()
    print("\n".join(section(results)))
    problems = failures(results)
    for problem in problems:
        print(f"OVER BUDGET: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
