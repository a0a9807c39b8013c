"""scripts/audit_dependencies.py reads a project's registry entry: a yanked pin and an advisory
not fixed in the pin fail; an advisory fixed at or before the pin, a withdrawn or an ignored one
does not; a newer release in the same series is only a note."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def project(releases, vulnerabilities=()):
    return {"releases": releases, "vulnerabilities": list(vulnerabilities)}


def test_a_clean_pin_passes_and_notes_a_newer_patch(audit):
    entry = project({"1.2.3": [{"yanked": False}], "1.2.4": [{}], "1.3.0": [{}], "1.2.5rc1": [{}]})
    finding = audit.examine("thing", "1.2.3", entry, set())
    assert finding.problems == []
    assert finding.notes == ["1.2.4 is out in the same series"]


def test_a_yanked_pin_fails_with_its_reason(audit):
    entry = project({"1.2.3": [{"yanked": True, "yanked_reason": "broken wheel"}]})
    finding = audit.examine("thing", "1.2.3", entry, set())
    assert finding.problems == ["1.2.3 is yanked: broken wheel"]


def test_an_unknown_pin_fails(audit):
    assert audit.examine("thing", "9.9", project({"1.0": [{}]}), set()).problems


def test_advisories_fail_only_when_not_fixed_in_the_pin(audit):
    vulns = [
        {"id": "PYSEC-1", "fixed_in": ["1.2.5"], "summary": "later fix"},
        {"id": "PYSEC-2", "fixed_in": ["1.2.3"], "summary": "fixed in ours"},
        {"id": "PYSEC-3", "fixed_in": [], "summary": "withdrawn", "withdrawn": "2026-01-01"},
        {"id": "PYSEC-4", "aliases": ["GHSA-x"], "fixed_in": [], "summary": "ignored"},
        {"id": "PYSEC-5", "fixed_in": [], "summary": "no fix"},
    ]
    finding = audit.examine("thing", "1.2.3", project({"1.2.3": [{}]}, vulns), {"GHSA-x"})
    assert finding.problems == [
        "PYSEC-1: later fix (fixed in 1.2.5)",
        "PYSEC-5: no fix (fixed in no fixed release yet)",
    ]
