"""One CSV writer for every export: text a spreadsheet would run as a formula is quoted."""

import csv
import io
import re
from pathlib import Path

import pytest

from apps.core import csv as csv_export
from apps.core.csv import safe_cell

APPS = Path(__file__).resolve().parents[2] / "apps"


@pytest.mark.parametrize(
    "text",
    ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|", "+1+2", "-2+3", "\t=1", "\r=1", '=HYPERLINK("x")'],
)
def test_formula_starts_are_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "+4.5", "-0,5", "1e3", "Summer", "", "a=b", 42, -3.5, None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_the_writer_quotes_every_cell_of_every_row():
    out = io.StringIO()
    writer = csv_export.writer(out, lineterminator="\n")
    writer.writerow(["=1+1", "ok", -2])
    writer.writerows([["@x", "-4"], ["+y"]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["'=1+1", "ok", "-2"], ["'@x", "-4"], ["'+y"]]


def test_no_app_writes_csv_around_the_one_writer():
    pattern = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(APPS))
        for path in APPS.rglob("*.py")
        if path.name != "csv.py" or path.parent.name != "core"
        if pattern.search(path.read_text())
    ]
    assert offenders == []
