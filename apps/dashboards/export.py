"""The dashboards' numbers as CSV and as chart data: the same figures as the tables.

CSV (through `apps.core.csv.writer`, so text that looks like a formula is quoted) comes in two
layouts, one per kind of table:

- `figures`: one row per number, `section, scope, scope_code, key, label, value, unit` — the
  initiatives by status and phase, people, partners, money and hours of the page's scope and of
  each goal, target or child area listed on it. Money is a plain decimal with a point
  (`1500.50`) and its currency as unit; hours are `hours`.
- `results`: one row per published result: its scope, title, indicator, unit, baseline,
  target, target date, latest value and progress.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from apps.core import csv as csv_export
from apps.dashboards.selectors import Figures

FIGURE_HEADER = ["section", "scope", "scope_code", "key", "label", "value", "unit"]
RESULT_HEADER = [
    "scope",
    "scope_code",
    "result",
    "initiative",
    "indicator",
    "unit",
    "baseline",
    "target",
    "target_date",
    "latest",
    "progress_percent",
]


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return value


def figure_rows(figures: Figures, *, scope: str, code: str, currency: str) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["initiatives", scope, code, "total", _("Initiatives"), figures.initiatives, "count"]
    ]
    rows += [
        ["initiatives", scope, code, f"status:{c.key}", c.label, c.count, "count"] for c in figures.by_status
    ]
    rows += [
        ["initiatives", scope, code, f"phase:{c.key}", c.label, c.count, "count"] for c in figures.by_phase
    ]
    rows.append(["people", scope, code, "total", _("People taking part"), figures.people, "count"])
    rows += [["people", scope, code, c.key, c.label, c.count, "count"] for c in figures.people_by_way]
    rows += [
        ["partners", scope, code, "total", _("Partners"), figures.partners, "count"],
        [
            "partners",
            scope,
            code,
            "organisations",
            _("Organisations"),
            figures.partner_organisations,
            "count",
        ],
        ["partners", scope, code, "people", _("People"), figures.partner_people, "count"],
    ]
    rows += [["money", scope, code, a.key, a.label, _money(a.amount), currency] for a in figures.money]
    for h in figures.hours:
        rows.append(["hours", scope, code, h.key, h.label, _plain(h.hours), "hours"])
        rows.append(["hours", scope, code, f"{h.key}_value", h.label, _money(h.value), currency])
    rows.append(["results", scope, code, "total", _("Published results"), len(figures.results), "count"])
    rows.append(["results", scope, code, "reached", _("Results reached"), figures.results_reached, "count"])
    return rows


def _money(amount: Decimal) -> str:
    return format(Decimal(amount).quantize(Decimal("0.01")), "f")


def result_rows(figures: Figures, *, scope: str, code: str) -> list[list[Any]]:
    return [
        [
            scope,
            code,
            r.title,
            r.initiative.title if r.initiative_id and r.initiative else "",
            r.indicator_label,
            r.unit_label,
            _plain(r.baseline),
            _plain(r.target),
            r.target_date.isoformat(),
            _plain(getattr(r, "current", None)),
            _plain(getattr(r, "progress", None)),
        ]
        for r in figures.results
    ]


def csv_response(name: str, header: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    out = csv_export.writer(response)
    out.writerow(header)
    out.writerows(rows)
    return response


def chart(key: str, title: str, labels: list[str], values: list[Any], series: str) -> dict[str, Any]:
    """One bar chart for the JS island: the same numbers as the table it sits next to."""
    return {
        "id": key,
        "title": title,
        "labels": labels,
        "values": [float(v) for v in values],
        "series": series,
    }


def figure_charts(figures: Figures, prefix: str = "") -> list[dict[str, Any]]:
    return [
        chart(
            f"{prefix}status",
            _("Initiatives by status"),
            [c.label for c in figures.by_status],
            [c.count for c in figures.by_status],
            _("Initiatives"),
        ),
        chart(
            f"{prefix}people",
            _("People taking part, by way of taking part"),
            [c.label for c in figures.people_by_way],
            [c.count for c in figures.people_by_way],
            _("People"),
        ),
        chart(
            f"{prefix}money",
            _("Money"),
            [a.label for a in figures.money],
            [a.amount for a in figures.money],
            _("Amount"),
        ),
    ]
