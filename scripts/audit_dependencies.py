"""Check the pinned Python dependencies against the advisory data the registry gives us.

`make check` runs this. It asks pip-audit first (PyPI's per-release advisory data, or OSV).
Where those cannot be reached — on the build machines only PyPI's per-project JSON answers —
pip-audit reports every package as "not found" and audits nothing, so this script then reads
each project's JSON itself (https://pypi.org/pypi/<name>/json) and fails when

- the pinned release is yanked (its files are withdrawn, usually for a defect or a security fix), or
- the registry lists a vulnerability for the project that is not fixed in the pinned release
  (the `vulnerabilities` of the newest release, with the releases that fix them).

It checks what is installed (the pins and their dependencies). It also prints, without
failing, the packages that have a newer release in the same series
(for example Django 5.2.19 when 5.2.20 is out), since patch releases are where security fixes land.
Advisories that cannot reach us are ignored with `--ignore ID` (each with its reason in the Makefile).

Exit status: 0 when nothing is found, 1 when something is, 2 when the registry cannot be read at all.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")
REGISTRY = "https://pypi.org/pypi/{name}/json"


@dataclass
class Finding:
    name: str
    version: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pins(path: Path) -> list[tuple[str, str]]:
    """The pins of the requirements file and every package installed beside them (their
    dependencies are not pinned in the file, but they are what runs)."""
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[canonical(match.group(1))] = (match.group(1), match.group(2))
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if name and canonical(name) not in found:
            found[canonical(name)] = (name, distribution.version)
    return sorted(found.values(), key=lambda pin: canonical(pin[0]))


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_audit(requirements: Path, ignored: list[str]) -> tuple[int, bool]:
    """Run pip-audit; answer its exit status and whether it could audit anything at all."""
    command = [
        str(Path(sys.executable).parent / "pip-audit"),
        "-r",
        str(requirements),
        "--no-deps",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    for advisory in ignored:
        command += ["--ignore-vuln", advisory]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        return result.returncode, False
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    for dependency in audited:
        for vuln in dependency.get("vulns", []):
            fixes = ", ".join(vuln["fix_versions"]) or "no fixed release yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
    return result.returncode, bool(audited)


def fetch(name: str) -> dict | None:
    url = REGISTRY.format(name=name)  # always https: the scheme is fixed above
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
        return None


def version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def examine(name: str, pinned: str, project: dict, ignored: set[str]) -> Finding:
    finding = Finding(name, pinned)
    ours = version(pinned)
    files = project.get("releases", {}).get(pinned)
    if files is None:
        finding.problems.append(f"{pinned} is not a release of {name} on the registry")
    elif files and all(f.get("yanked") for f in files):
        reasons = [f["yanked_reason"] for f in files if f.get("yanked_reason")]
        reason = reasons[0] if reasons else "no reason given"
        finding.problems.append(f"{pinned} is yanked: {reason}")
    for vuln in project.get("vulnerabilities") or []:
        ids = {vuln.get("id", ""), *vuln.get("aliases", [])}
        if ids & ignored or vuln.get("withdrawn"):
            continue
        fixes = [v for v in (version(f) for f in vuln.get("fixed_in") or []) if v is not None]
        if ours is not None and any(fix <= ours for fix in fixes):
            continue
        fixed = ", ".join(str(f) for f in fixes) or "no fixed release yet"
        summary = (vuln.get("summary") or vuln.get("details") or "")[:100]
        finding.problems.append(f"{vuln.get('id')}: {summary} (fixed in {fixed})")
    if ours is not None:
        newer = [
            v
            for v in (version(text) for text in project.get("releases", {}))
            if v is not None and not v.is_prerelease and v.release[:2] == ours.release[:2] and v > ours
        ]
        if newer:
            finding.notes.append(f"{max(newer)} is out in the same series")
    return finding


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--ignore", action="append", default=[], help="an advisory ID that cannot reach us")
    args = parser.parse_args()

    status, audited = pip_audit(args.requirements, args.ignore)
    if audited:
        print("pip-audit: audited against its advisory service" + ("" if status == 0 else "; see above"))
        return 0 if status == 0 else 1
    print("pip-audit could reach no per-release advisory data; reading each project's registry entry instead")

    pinned = pins(args.requirements)
    with ThreadPoolExecutor(max_workers=8) as pool:
        projects = list(pool.map(lambda pin: fetch(pin[0]), pinned))
    unread = [name for (name, _), project in zip(pinned, projects, strict=True) if project is None]
    if len(unread) == len(pinned):
        print("The registry cannot be read: no dependency was checked.", file=sys.stderr)
        return 2
    findings = [
        examine(name, pin, project, set(args.ignore))
        for (name, pin), project in zip(pinned, projects, strict=True)
        if project is not None
    ]
    failed = False
    for finding in findings:
        for problem in finding.problems:
            failed = True
            print(f"FAIL {finding.name} {finding.version}: {problem}")
        for note in finding.notes:
            print(f"note {finding.name} {finding.version}: {note}")
    for name in unread:
        failed = True
        print(f"FAIL {name}: the registry did not answer for it")
    verdict = "problems found" if failed else "no known problem"
    print(f"{len(findings)} installed dependencies checked against the registry: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
