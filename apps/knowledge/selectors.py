"""Reads that feed knowledge pages and the API: indicators, their values, series and comparisons.

Values are read with `.values_list()` (no model instances) in one query each, so a map of one
indicator-year across ~1,000 small areas stays fast; every function here uses a fixed number
of queries however many rows there are (tests/knowledge/test_queries.py).

A breakdown is a `(key, value)` pair such as ("gender", "female"); `None` means the totals
(observations without a breakdown).
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db.models import Avg, Count, Max
from django.http import Http404

from apps.hubs.models import Hub
from apps.knowledge.models import Indicator, Observation
from apps.places.models import Area

Breakdown = tuple[str, str] | None


class ValueRow(NamedTuple):
    """One value on a map: the area's code (a DDF entity id) first, then the value."""

    area: str
    value: float
    level: str
    breakdown_key: str
    breakdown_value: str


class Aggregate(NamedTuple):
    """A comparison value. `method` says where it comes from: "source" (the area's own
    observation in the data, e.g. a municipality row), "mean_of_children" (the plain mean of
    its children's values) or "mean_of_level" (the plain mean over the hub's areas of one
    level). Means are not population-weighted."""

    area: str  # the area's code, or "" for the hub
    value: float | None
    method: str
    size: int  # how many values went into it (1 for "source")


def _breakdown(breakdown: Breakdown) -> tuple[str, str]:
    return breakdown if breakdown else ("", "")


# Indicators -----------------------------------------------------------------------------


def indicators_for_hub(*, hub: Hub, category: str = "") -> list[Indicator]:
    """The hub's indicators, each with `years` (the years with any value, ascending). Two queries."""
    qs = Indicator.objects.filter(hub=hub).order_by("category", "code")
    if category:
        qs = qs.filter(category=category)
    indicators = list(qs)
    years: dict[int, list[int]] = defaultdict(list)
    rows = (
        Observation.objects.filter(indicator__in=[i.pk for i in indicators])
        .values_list("indicator_id", "year")
        .distinct()
        .order_by("indicator_id", "year")
    )
    if indicators:
        for indicator_id, year in rows:
            years[indicator_id].append(year)
    for indicator in indicators:
        indicator.years = years.get(indicator.pk, [])  # type: ignore[attr-defined]
    return indicators


def indicator_get(*, hub: Hub, code: str) -> Indicator:
    """One indicator of the hub by code, or 404."""
    indicator = Indicator.objects.filter(hub=hub, code=code).first()
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


def indicator_years(*, indicator: Indicator) -> list[int]:
    return list(
        Observation.objects.filter(indicator=indicator)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )


def indicator_breakdowns(*, indicator: Indicator) -> list[tuple[str, str]]:
    """The breakdowns the indicator has values for, e.g. [("gender", "female"), ("gender", "male")]."""
    return list(
        Observation.objects.filter(indicator=indicator)
        .exclude(breakdown_key="")
        .values_list("breakdown_key", "breakdown_value")
        .distinct()
        .order_by("breakdown_key", "breakdown_value")
    )


def indicator_levels(*, indicator: Indicator) -> list[str]:
    """The slugs of the area levels the indicator has values for, top level first."""
    rows = (
        Observation.objects.filter(indicator=indicator)
        .values_list("area__level__slug", "area__level__depth")
        .distinct()
        .order_by("area__level__depth", "area__level__slug")
    )
    return [slug for slug, _depth in rows]


def latest_year(*, indicator: Indicator) -> int | None:
    return Observation.objects.filter(indicator=indicator).aggregate(latest=Max("year"))["latest"]


# Values ---------------------------------------------------------------------------------


def values_for(
    *, indicator: Indicator, year: int, level: str | None = None, breakdown: Breakdown = None
) -> list[ValueRow]:
    """Every area's value of one indicator in one year (one level, if given), for one
    breakdown (the totals by default), ordered by area code. One query."""
    key, value = _breakdown(breakdown)
    qs = Observation.objects.filter(indicator=indicator, year=year, breakdown_key=key, breakdown_value=value)
    if level:
        qs = qs.filter(area__level__slug=level)
    rows = qs.order_by("area__code").values_list("area__code", "value", "area__level__slug")
    return [ValueRow(code, number, slug, key, value) for code, number, slug in rows]


def series_for_area(
    *, area: Area, indicators: Iterable[Indicator], breakdown: Breakdown = None
) -> dict[str, list[tuple[int, float]]]:
    """Trend lines for one area: indicator code → [(year, value), …] ascending. One query."""
    key, value = _breakdown(breakdown)
    codes = {i.pk: i.code for i in indicators}
    series: dict[str, list[tuple[int, float]]] = {code: [] for code in codes.values()}
    if not codes:
        return series
    rows = (
        Observation.objects.filter(
            area=area, indicator__in=list(codes), breakdown_key=key, breakdown_value=value
        )
        .order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "value")
    )
    for indicator_id, year, number in rows:
        series[codes[indicator_id]].append((year, number))
    return series


# Comparisons ----------------------------------------------------------------------------


def parent_aggregates(
    *, indicator: Indicator, year: int, level: str, breakdown: Breakdown = None
) -> dict[str, Aggregate]:
    """For the areas of `level`, their parents' values: parent code → Aggregate. The parent's
    own observation when the data has one ("source"), else the mean of its children's values
    ("mean_of_children"). Two queries."""
    key, value = _breakdown(breakdown)
    children = (
        Observation.objects.filter(
            indicator=indicator,
            year=year,
            breakdown_key=key,
            breakdown_value=value,
            area__level__slug=level,
            area__parent__isnull=False,
        )
        .values_list("area__parent__code")
        .annotate(mean=Avg("value"), n=Count("id"))
        .order_by()
    )
    means = {code: (mean, n) for code, mean, n in children}
    own = dict(
        Observation.objects.filter(
            indicator=indicator,
            year=year,
            breakdown_key=key,
            breakdown_value=value,
            area__children__level__slug=level,
        )
        .values_list("area__code", "value")
        .distinct()
    )
    result: dict[str, Aggregate] = {}
    for code in set(means) | set(own):
        if code in own:
            result[code] = Aggregate(code, own[code], "source", 1)
        else:
            mean, n = means[code]
            result[code] = Aggregate(code, mean, "mean_of_children", n)
    return result


def hub_aggregate(*, indicator: Indicator, year: int, level: str, breakdown: Breakdown = None) -> Aggregate:
    """The plain mean over the hub's areas of one level ("mean_of_level"). One query."""
    key, value = _breakdown(breakdown)
    row = Observation.objects.filter(
        indicator=indicator, year=year, breakdown_key=key, breakdown_value=value, area__level__slug=level
    ).aggregate(mean=Avg("value"), n=Count("id"))
    return Aggregate("", row["mean"], "mean_of_level", row["n"])


def area_comparison(
    *, indicator: Indicator, area: Area, year: int, breakdown: Breakdown = None
) -> dict[str, Aggregate | None]:
    """One area's value next to its parent's and the hub's (mean over the area's level):
    {"area": …, "parent": … or None, "hub": …}. At most five queries."""
    key, value = _breakdown(breakdown)
    level, parent_code = Area.objects.filter(pk=area.pk).values_list("level__slug", "parent__code").get()
    base = Observation.objects.filter(
        indicator=indicator, year=year, breakdown_key=key, breakdown_value=value
    )
    own = base.filter(area=area).values_list("value", flat=True).first()
    result: dict[str, Aggregate | None] = {
        "area": Aggregate(area.code, own, "source", 1 if own is not None else 0),
        "parent": None,
        "hub": hub_aggregate(indicator=indicator, year=year, level=level, breakdown=breakdown),
    }
    if parent_code is not None and area.parent_id is not None:
        parent_own = base.filter(area_id=area.parent_id).values_list("value", flat=True).first()
        if parent_own is not None:
            result["parent"] = Aggregate(parent_code, parent_own, "source", 1)
        else:
            siblings = list(
                base.filter(area__parent_id=area.parent_id, area__level__slug=level)
                .values_list("value", flat=True)
                .order_by()
            )
            if siblings:
                result["parent"] = Aggregate(
                    parent_code, sum(siblings) / len(siblings), "mean_of_children", len(siblings)
                )
    return result


# Pages (explorer) ---------------------------------------------------------------------------
# Reads for the explorer, the bubble chart, the area profile and the decision brief (pages in
# apps/knowledge/views.py and apps/places/views.py). Each runs one query however many areas or
# years there are; values come as plain tuples and dicts, never model instances.

from apps.places.models import AreaLevel  # noqa: E402


def explorer_indicators(*, hub: Hub) -> list[Indicator]:
    """The hub's indicators, by category then code (the order of the explorer's menus)."""
    return list(Indicator.objects.filter(hub=hub).order_by("category", "code"))


def explorer_indicators_by_id(*, hub_id: int) -> list[Indicator]:
    return list(Indicator.objects.filter(hub_id=hub_id).order_by("category", "code"))


def years_with_data(*, level: AreaLevel) -> dict[int, int]:
    """{indicator id: how many years have values at `level`} (no breakdown), one query: the
    explorer opens on the indicator with the most years, so its slider has a range."""
    rows = (
        Observation.objects.filter(area__level=level, breakdown_key="")
        .values("indicator_id")
        .annotate(years=Count("year", distinct=True))
        .values_list("indicator_id", "years")
    )
    return dict(rows)


def explorer_values(*, indicator: Indicator, level: AreaLevel) -> list[tuple[int, int, float]]:
    """(area id, year, value) of one indicator for every area of one level, every year
    (no breakdown): one query, a few thousand rows for Södertörn's small areas."""
    return list(
        Observation.objects.filter(indicator=indicator, area__level=level, breakdown_key="").values_list(
            "area_id", "year", "value"
        )
    )


def bubble_values(*, indicators: list[Indicator], level: AreaLevel) -> dict[int, dict[int, dict[int, float]]]:
    """{indicator id: {year: {area id: value}}} for a few indicators at one level, all years."""
    out: dict[int, dict[int, dict[int, float]]] = {i.pk: {} for i in indicators}
    rows = Observation.objects.filter(
        indicator__in=indicators, area__level=level, breakdown_key=""
    ).values_list("indicator_id", "year", "area_id", "value")
    for indicator_id, year, area_id, value in rows:
        out[indicator_id].setdefault(year, {})[area_id] = value
    return out


def area_series(*, areas: list[Area]) -> dict[int, dict[int, dict[int, float]]]:
    """{indicator id: {area id: {year: value}}} for a few areas (an area, its parent, its
    neighbours), every indicator, no breakdown: one query."""
    out: dict[int, dict[int, dict[int, float]]] = {}
    rows = Observation.objects.filter(area__in=areas, breakdown_key="").values_list(
        "indicator_id", "area_id", "year", "value"
    )
    for indicator_id, area_id, year, value in rows:
        out.setdefault(indicator_id, {}).setdefault(area_id, {})[year] = value
    return out


def level_means(*, level: AreaLevel, indicator_ids: Iterable[int]) -> dict[int, dict[int, float]]:
    """{indicator id: {year: mean}}: the plain mean over every area of a level, per year (the
    hub's reference line on an area's profile)."""
    out: dict[int, dict[int, float]] = {}
    rows = (
        Observation.objects.filter(indicator_id__in=list(indicator_ids), area__level=level, breakdown_key="")
        .values("indicator_id", "year")
        .annotate(mean=Avg("value"))
        .values_list("indicator_id", "year", "mean")
    )
    for indicator_id, year, mean in rows:
        out.setdefault(indicator_id, {})[year] = mean
    return out


def sibling_values(*, area: Area, year_from: int) -> dict[int, dict[int, dict[int, float]]]:
    """{indicator id: {area id: {year: value}}} for every area with the same parent and level
    as `area` (itself included), from `year_from` on: the ranks in the decision brief."""
    siblings = Area.objects.filter(hub_id=area.hub_id, level_id=area.level_id, parent_id=area.parent_id)
    out: dict[int, dict[int, dict[int, float]]] = {}
    rows = Observation.objects.filter(area__in=siblings, breakdown_key="", year__gte=year_from).values_list(
        "indicator_id", "area_id", "year", "value"
    )
    for indicator_id, area_id, year, value in rows:
        out.setdefault(indicator_id, {}).setdefault(area_id, {})[year] = value
    return out


def children_means(*, parent: Area, level: AreaLevel) -> dict[int, dict[int, float]]:
    """{indicator id: {year: mean}} over the children of `parent` at `level`: the parent's line
    on a profile when the data has no values of the parent's own."""
    out: dict[int, dict[int, float]] = {}
    rows = (
        Observation.objects.filter(area__parent=parent, area__level=level, breakdown_key="")
        .values("indicator_id", "year")
        .annotate(mean=Avg("value"))
        .values_list("indicator_id", "year", "mean")
    )
    for indicator_id, year, mean in rows:
        out.setdefault(indicator_id, {})[year] = mean
    return out


def values_version(*, hub: Any, indicator: Any, year: int | None) -> str:
    """Changes whenever an indicator-year's values may have changed: the hub's latest import
    run and the number of values (two cheap, indexed queries)."""
    from apps.knowledge.models import ImportRun

    run = ImportRun.objects.filter(hub=hub).order_by("-pk").values_list("pk", flat=True).first()
    count = Observation.objects.filter(indicator=indicator, year=year).count() if year is not None else 0
    return f"{run or 0}-{count}"
