"""Knowledge fixtures: the small hand-made DDF package in fixtures/mini-ddf (two
municipalities, four districts, one without geometry), imported with geometry."""

import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini-ddf"
REAL = Path(__file__).resolve().parents[2] / "data" / "sodertorn-ddf"
MINI_GEOMETRY = [
    "municipality=assets/kommun.json:ID=map_id",
    "district=assets/districts.json:CODE=code2010",
]
REAL_GEOMETRY = [
    "municipality=assets/sodertorn-kommun.json:ID_2=map_id",
    "basomrade=assets/sodertorn-basomr2010.json:BASKOD2010=baskod2010",
]


def import_ddf(path, hub, *extra, geometry=MINI_GEOMETRY) -> str:
    out = StringIO()
    args = [str(path), "--hub", hub.slug]
    for spec in geometry:
        args += ["--geometry", spec]
    call_command("import_ddf", *args, *extra, stdout=out)
    return out.getvalue()


def datapoint_rows(package: Path) -> dict[str, int]:
    """Non-empty values per measure, counted with the csv module straight from the files."""
    counts: dict[str, int] = {}
    for path in sorted(package.rglob("ddf--datapoints--*.csv")):
        if "lang" in path.relative_to(package).parts:
            continue
        measure = path.name.split("--")[2]
        with path.open(newline="", encoding="utf-8") as handle:
            n = sum(1 for row in csv.DictReader(handle) if row[measure].strip())
        counts[measure] = counts.get(measure, 0) + n
    return counts


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A writable copy of the mini package, to break in tests."""
    target = tmp_path / "mini-ddf"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def mini(sodertorn):
    """The mini package imported into Södertörn."""
    import_ddf(MINI, sodertorn)
    return sodertorn
