"""The one way the platform writes CSV: cells a spreadsheet would run as formulas are quoted.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula (OWASP "CSV injection"). Anything a person typed can end
up in an export: a survey option, a name, an e-mail address. Every export goes through
:func:`writer`, which prefixes such text cells with an apostrophe, so the spreadsheet shows the
text and runs nothing. Plain numbers (``-3``, ``+4.5``) are data, not formulas, and stay as they
are; so do non-text cells (ints, floats), which the caller should pass as numbers.
"""

from __future__ import annotations

import csv as _csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should see it: text that would start a formula is quoted."""
    if isinstance(value, str) and value[:1] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose every text cell passes through :func:`safe_cell`."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = _csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: _Writable, **options: Any) -> SafeWriter:
    """Start a CSV export on ``out`` (a file, a StringIO or an HttpResponse)."""
    return SafeWriter(out, **options)
