"""Read API for knowledge, under /api/v1/: a hub's indicators and their values per area.

Names are given in the request's language (Accept-Language, or `?lang=sv|nb|en`). Area codes
are the source's ids (DDF entity ids). Values come as JSON or, with `?format=csv`, as CSV.
"""

import hashlib
import io
import json
from typing import Any, Literal

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from apps.core import csv as csv_export
from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.hubs import selectors as hub_selectors
from apps.knowledge import selectors
from apps.knowledge.models import Indicator

VALUES_CACHE_SECONDS = 3600

router = Router(tags=["knowledge"])

Language = Literal["en", "nb", "sv"]


class IndicatorOut(Schema):
    code: str
    name: str
    description: str
    category: str
    unit: str
    source: str
    licence: str
    years: list[int]


class IndicatorDetailOut(IndicatorOut):
    levels: list[str]
    breakdowns: list[str]


class ValueOut(Schema):
    """One value. A breakdown, when asked for, adds a field named after its key (e.g. "gender")."""

    model_config = ConfigDict(extra="allow")

    area: str
    level: str
    year: int
    value: float


def _indicator_out(indicator: Indicator, years: list[int]) -> dict[str, object]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "description": indicator.description,
        "category": indicator.category,
        "unit": indicator.unit,
        "source": indicator.source,
        "licence": indicator.licence,
        "years": years,
    }


@router.get(
    "/hubs/{hub_slug}/indicators",
    response=answers(list[IndicatorOut], NOT_FOUND, INVALID),
    summary="A hub's indicators",
)
@paginate(LimitOffsetPagination)
def list_indicators(
    request: HttpRequest, hub_slug: str, category: str = "", lang: Language | None = None
) -> list[dict[str, object]]:
    hub = hub_selectors.hub_get(slug=hub_slug)
    with translation.override(lang or translation.get_language()):
        return [
            _indicator_out(i, i.years)  # type: ignore[attr-defined]
            for i in selectors.indicators_for_hub(hub=hub, category=category[:20])
        ]


@router.get(
    "/hubs/{hub_slug}/indicators/{code}",
    response=answers(IndicatorDetailOut, NOT_FOUND),
    summary="One indicator",
)
def get_indicator(
    request: HttpRequest, hub_slug: str, code: str, lang: Language | None = None
) -> dict[str, object]:
    hub = hub_selectors.hub_get(slug=hub_slug)
    indicator = selectors.indicator_get(hub=hub, code=code)
    with translation.override(lang or translation.get_language()):
        data = _indicator_out(indicator, selectors.indicator_years(indicator=indicator))
    data["levels"] = selectors.indicator_levels(indicator=indicator)
    data["breakdowns"] = [f"{k}:{v}" for k, v in selectors.indicator_breakdowns(indicator=indicator)]
    return data


@router.get(
    "/hubs/{hub_slug}/indicators/{code}/values",
    response=answers(list[ValueOut], BAD_REQUEST, NOT_FOUND, INVALID),
    summary="An indicator's values per area for one year",
    description=(
        "`year` defaults to the latest year with data; `level` (e.g. basomrade) limits the areas; "
        "`breakdown=gender:female` picks a breakdown instead of the totals. `format=csv` answers "
        "text/csv with a header row."
    ),
)
def list_indicator_values(
    request: HttpRequest,
    hub_slug: str,
    code: str,
    year: int | None = Query(None, ge=1000, le=9999),
    level: str = "",
    breakdown: str = "",
    format: Literal["json", "csv"] = "json",  # noqa: A002
) -> HttpResponse:
    hub = hub_selectors.hub_get(slug=hub_slug)
    indicator = selectors.indicator_get(hub=hub, code=code)
    pair: tuple[str, str] | None = None
    if breakdown:
        key, sep, value = breakdown.partition(":")
        if not (sep and key and value):
            raise HttpError(400, "Write the breakdown as key:value, e.g. gender:female.")
        pair = (key[:40], value[:80])
    if year is None:
        year = selectors.latest_year(indicator=indicator)
    # Values change only when something is imported: the answer is cached under a key that
    # changes with every import run (and with the number of values, whatever wrote them).
    version = selectors.values_version(hub=hub, indicator=indicator, year=year)
    key = (
        "indicator-values:"
        + hashlib.sha256(
            f"{hub.pk}|{indicator.pk}|{version}|{year}|{level[:40]}|{pair}|{format}".encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = _values_response_parts(hub, indicator, year, level, pair, format)
        cache.set(key, cached, timeout=VALUES_CACHE_SECONDS)
    body, content_type, filename = cached
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _values_response_parts(
    hub: Any,
    indicator: Any,
    year: int | None,
    level: str,
    pair: tuple[str, str] | None,
    format: str,  # noqa: A002
) -> tuple[str, str, str]:
    """(body, content type, file name) of the values answer."""
    rows = (
        selectors.values_for(indicator=indicator, year=year, level=level[:40] or None, breakdown=pair)
        if year is not None
        else []
    )
    if format == "csv":
        out = io.StringIO()
        writer = csv_export.writer(out, lineterminator="\n")
        writer.writerow(["area", "level", "year", "value", *([pair[0]] if pair else [])])
        for row in rows:
            writer.writerow(
                [row.area, row.level, year, repr(row.value), *([row.breakdown_value] if pair else [])]
            )
        return out.getvalue(), "text/csv; charset=utf-8", f"{hub.slug}-{indicator.code}-{year}.csv"
    if pair:
        items = [
            {"area": r.area, "level": r.level, "year": year, "value": r.value, pair[0]: r.breakdown_value}
            for r in rows
        ]
    else:
        items = [{"area": r.area, "level": r.level, "year": year, "value": r.value} for r in rows]
    return json.dumps(items, ensure_ascii=False), "application/json", ""
