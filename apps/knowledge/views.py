"""Knowledge pages: the explorer (a choropleth map and a ranked table of one indicator), the
bubble chart (four indicators over the years) and an area's decision brief.

Every page works without JavaScript: its choices are a GET form and its numbers are in tables.
Bad choices in the query string (an unknown indicator, `year=abc`) give the page with the
default choices, a message saying what was wrong, and status 400 — never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from apps.core.maps import map_tiles
from apps.hubs import selectors as hub_selectors
from apps.hubs.models import Hub
from apps.hubs.versions import hub_cached
from apps.knowledge import brief, selectors
from apps.knowledge.models import Indicator
from apps.knowledge.panels import INDICATOR_ASIDE
from apps.places import selectors as place_selectors
from apps.places.models import AreaLevel

TABLE_PAGE_SIZE = 25  # short pages on a phone; "find an area" and the pages reach the rest
SORTS = {"-value", "value", "name", "-name"}
BUBBLE_ROLES = ("x", "y", "size", "colour")
# Good first choices for the bubble chart when the hub has them (Södertörnsanalysen's data).
BUBBLE_DEFAULTS = {
    "x": "median_income_aged_gt_20",
    "y": "employment_rate_20_64",
    "size": "population_total",
    "colour": "post_secondary_education_min_3_years_aged_25_64",
}


@dataclass
class Choices:
    """What the visitor chose in the query string, checked against what the hub has."""

    indicators: list[Indicator]
    levels: list[AreaLevel]
    errors: list[str] = field(default_factory=list)

    def indicator(self, request: HttpRequest, name: str, default: Indicator | None) -> Indicator | None:
        code = request.GET.get(name, "").strip()
        if not code:
            return default
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        self.errors.append(_("There is no indicator “%(code)s” in this hub.") % {"code": code[:100]})
        return default

    def level(self, request: HttpRequest) -> AreaLevel | None:
        slug = request.GET.get("level", "").strip()
        # The level with the most areas (the small areas), the deeper one on a tie.
        default = (
            max(self.levels, key=lambda lv: (getattr(lv, "area_count", 0), lv.depth)) if self.levels else None
        )
        if not slug:
            return default
        for level in self.levels:
            if level.slug == slug:
                return level
        self.errors.append(_("There is no level “%(level)s” in this hub.") % {"level": slug[:100]})
        return default

    def year(self, request: HttpRequest, years: list[int], default: int | None = None) -> int | None:
        latest = default if default is not None else (years[-1] if years else None)
        raw = request.GET.get("year", "").strip()
        if not raw:
            return latest
        try:
            year = int(raw)
        except ValueError:
            self.errors.append(_("The year must be a number."))
            return latest
        if year not in years:
            if years:
                self.errors.append(
                    _("There are values from %(first)s to %(last)s; showing %(last)s.")
                    % {"first": years[0], "last": latest}
                )
            return latest
        return year


def _choices(hub: Hub) -> Choices:
    return Choices(
        indicators=selectors.explorer_indicators(hub=hub),
        levels=place_selectors.area_levels_with_counts(hub=hub),
    )


def _grouped(indicators: list[Indicator]) -> list[tuple[str, list[Indicator]]]:
    """Indicators grouped by category, for <optgroup>s."""
    labels = dict(Indicator.Category.choices)
    groups: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        groups.setdefault(indicator.category, []).append(indicator)
    return [(str(labels.get(category, category)), items) for category, items in groups.items()]


def _areas_api(hub: Hub, level: AreaLevel) -> str:
    return f"/api/v1/hubs/{hub.slug}/areas?level={level.slug}&tolerance=0.0002"


def _values_api(hub: Hub, indicator: Indicator, level: AreaLevel) -> str:
    return f"/api/v1/hubs/{hub.slug}/indicators/{indicator.code}/values?level={level.slug}"


def _default_indicator(choices: Choices, level: AreaLevel | None) -> Indicator | None:
    """The explorer opens on the indicator with the most years of values at the level (the
    first of them in menu order): a slider with a range, never a lone year or no data."""
    if not choices.indicators:
        return None
    if level is None:
        return choices.indicators[0]
    counts = selectors.years_with_data(level=level)
    best = max(counts.get(i.pk, 0) for i in choices.indicators)
    return next(i for i in choices.indicators if counts.get(i.pk, 0) == best)


def explorer(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """One indicator, one level, one year: a choropleth map and the same numbers, ranked (rank 1
    is the best value: the highest, or the lowest where lower is better); `q` finds areas by
    name in the table."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    choices = _choices(hub)
    level = choices.level(request)
    default = _default_indicator(choices, level) if not request.GET.get("indicator") else None
    indicator = choices.indicator(request, "indicator", default)
    if indicator is None and choices.indicators:  # an unknown code: the default after all
        indicator = _default_indicator(choices, level)
    query = request.GET.get("q", "").strip()[:100]
    context: dict[str, Any] = {
        "hub": hub,
        "groups": _grouped(choices.indicators),
        "levels": choices.levels,
        "indicator": indicator,
        "level": level,
        "q": query,
        "map": map_tiles(),
    }
    if indicator is None or level is None:
        return render(request, "knowledge/explorer.html", context)

    context["indicator_panels"] = INDICATOR_ASIDE.render_list(hub=hub, indicator=indicator)
    values = selectors.explorer_values(indicator=indicator, level=level)
    years = sorted({year for _area, year, _value in values})
    year = choices.year(request, years)
    best_first = brief.best_first(indicator)
    default_sort = "-value" if best_first else "value"
    sort = request.GET.get("sort", default_sort)
    if sort not in SORTS:
        sort = default_sort
    areas = place_selectors.areas_of_level(level=level)
    this_year = {area_id: value for area_id, y, value in values if y == year}
    order = brief.ranks(this_year, descending=best_first)
    all_values = [value for _area, _year, value in values]
    breaks = brief.quantile_breaks(all_values)
    colours = brief.class_colours(breaks, indicator)
    rows: list[dict[str, Any]] = [
        {
            "area": area,
            "value": this_year.get(area.pk),
            "display": brief.format_value(this_year.get(area.pk), indicator),
            "rank": order.get(area.pk),
            "colour": colours[brief.class_of(this_year[area.pk], breaks) or 0]
            if area.pk in this_year
            else brief.NO_DATA,
        }
        for area in areas
    ]
    with_value = [r for r in rows if r["value"] is not None]
    without = [r for r in rows if r["value"] is None]
    if sort in {"-value", "value"}:
        with_value.sort(key=lambda r: (r["value"], r["area"].name), reverse=sort == "-value")
        rows = with_value + without  # no data last, whichever way
    else:
        rows.sort(key=lambda r: r["area"].name.casefold(), reverse=sort == "-name")
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in r["area"].name.casefold()]
    page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    csv_url = f"{_values_api(hub, indicator, level)}&year={year}&format=csv" if year else ""
    context.update(
        {
            "years": years,
            "year": year,
            "sort": sort,
            "default_sort": default_sort,
            "best_first": best_first,
            "unit": brief.display_unit(indicator),
            "page": page,
            "match_count": len(rows),
            "legend": brief.legend(breaks, min(all_values), max(all_values), indicator) if all_values else [],
            "no_data_colour": brief.NO_DATA,
            "with_value_count": len(with_value),
            "area_count": len(areas),
            "csv_url": csv_url,
            "errors": choices.errors,
            "map_data": {
                "areasUrl": _areas_api(hub, level),
                "valuesUrl": _values_api(hub, indicator, level),
                "areaUrl": reverse("hubs:places:area", args=[hub.slug, "__code__"]),
                "year": year,
                "breaks": breaks,
                "colours": colours,
                "noData": brief.NO_DATA,
                "unit": brief.display_unit(indicator),
                "scale": brief.scale_of(indicator),
                "values": {area.code: this_year[area.pk] for area in areas if area.pk in this_year},
                **map_tiles(),
            },
        }
    )
    return render(request, "knowledge/explorer.html", context, status=400 if choices.errors else 200)


def _bubble_choices(
    request: HttpRequest, hub: Hub
) -> tuple[Choices, dict[str, Indicator | None], AreaLevel | None]:
    choices = _choices(hub)
    by_code = {i.code: i for i in choices.indicators}
    fallback = iter(choices.indicators * 4)
    chosen: dict[str, Indicator | None] = {}
    for role in BUBBLE_ROLES:
        default = by_code.get(BUBBLE_DEFAULTS[role]) or next(fallback, None)
        chosen[role] = choices.indicator(request, role, default)
    return choices, chosen, choices.level(request)


def _compact(value: float | None) -> float | None:
    """Six significant digits: exact for the data's numbers, short in JSON."""
    return None if value is None else float(f"{value:.6g}")


def _cached_bubble_payload(
    hub: Any, chosen: dict[str, Indicator], level: AreaLevel, trace: list[str]
) -> dict[str, Any]:
    """`_bubble_payload`, kept under the hub's content version (any import or edit of its
    indicators, observations or areas gives the hub a new one) and the language."""
    parts = (sorted((role, i.pk) for role, i in chosen.items()), level.pk, trace)
    return hub_cached(hub, "bubbles", *parts, compute=lambda: _bubble_payload(chosen, level, trace))


def _bubble_payload(
    chosen: dict[str, Indicator], level: AreaLevel, trace: list[str] | None = None
) -> dict[str, Any]:
    """The years that have data for the chosen axes (x and y both known for some area) of the
    four indicators at one level, compact: per role and year, one value (or null) per area, in
    the order of `areas`; shares in per cent. `trails` holds the path of each traced area (by
    code) over those years: [year, x, y] where both are known (Gapminder's trails)."""
    indicators = list({i.pk: i for i in chosen.values()}.values())
    values = selectors.bubble_values(indicators=indicators, level=level)
    areas = place_selectors.areas_of_level(level=level)
    x_years, y_years = values[chosen["x"].pk], values[chosen["y"].pk]
    years = sorted(y for y in x_years if y in y_years and set(x_years[y]) & set(y_years[y]))
    scales = {role: brief.scale_of(i) for role, i in chosen.items()}
    colour_values = [
        v * scales["colour"]
        for year, by_area in values[chosen["colour"].pk].items()
        if year in years
        for v in by_area.values()
    ]
    breaks = brief.quantile_breaks(colour_values)
    payload: dict[str, Any] = {
        "years": years,
        "areas": [[a.code, a.name] for a in areas],
        "indicators": {
            role: {
                "code": i.code,
                "name": i.name,
                "unit": brief.display_unit(i),
                "higherIsBetter": i.higher_is_better,
            }
            for role, i in chosen.items()
        },
        "values": {},
        "ranges": {},
        "breaks": breaks,
        "colours": brief.class_colours(breaks, chosen["colour"]),
        "trails": {},
    }
    for role, indicator in chosen.items():
        by_year = values[indicator.pk]
        scale = scales[role]
        payload["values"][role] = {
            str(year): [
                _compact(None if (v := by_year.get(year, {}).get(a.pk)) is None else v * scale) for a in areas
            ]
            for year in years
        }
        flat = [v * scale for y, per_area in by_year.items() if y in years for v in per_area.values()]
        payload["ranges"][role] = [min(flat), max(flat)] if flat else [0, 1]
    wanted = set(trace or [])
    for index, area in enumerate(areas):
        if area.code in wanted:
            payload["trails"][area.code] = [
                [year, payload["values"]["x"][str(year)][index], payload["values"]["y"][str(year)][index]]
                for year in years
                if payload["values"]["x"][str(year)][index] is not None
                and payload["values"]["y"][str(year)][index] is not None
            ]
    return payload


def _trace(request: HttpRequest, level: AreaLevel | None, choices: Choices) -> list[Any]:
    """The areas to trace over the years (`trace`: codes or names, comma-separated or repeated),
    as areas of the level; an unknown one is a choice error."""
    wanted = [t.strip() for raw in request.GET.getlist("trace") for t in raw.split(",") if t.strip()][:10]
    if not wanted or level is None:
        return []
    areas = place_selectors.areas_of_level(level=level)
    by_code = {a.code: a for a in areas}
    by_name = {a.name.casefold(): a for a in areas}
    found = []
    for text in wanted:
        area = by_code.get(text) or by_name.get(text.casefold())
        if area is None:
            choices.errors.append(_("There is no area “%(name)s” at this level.") % {"name": text[:100]})
        elif area not in found:
            found.append(area)
    return found


def bubbles(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The Gapminder-style chart: x, y, bubble size and colour, one bubble per area, over the
    years; the chart's data comes from `bubbles_data`, the table shows the chosen year."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    choices, chosen, level = _bubble_choices(request, hub)
    context: dict[str, Any] = {
        "hub": hub,
        "groups": _grouped(choices.indicators),
        "levels": choices.levels,
        "level": level,
        "chosen": chosen,
        "roles": [
            ("x", _("Horizontal axis (x)"), chosen["x"]),
            ("y", _("Vertical axis (y)"), chosen["y"]),
            ("size", _("Bubble size"), chosen["size"]),
            ("colour", _("Colour"), chosen["colour"]),
        ],
    }
    if level is None or any(i is None for i in chosen.values()):
        return render(request, "knowledge/bubbles.html", context)
    traced = _trace(request, level, choices)
    payload = _cached_bubble_payload(hub, chosen, level, [a.code for a in traced])  # type: ignore[arg-type]
    years = payload["years"]
    # By default the latest year with bubbles to draw (both axes known for some area).
    drawable = [
        y
        for y in years
        if any(
            x is not None and v is not None
            for x, v in zip(payload["values"]["x"][str(y)], payload["values"]["y"][str(y)], strict=True)
        )
    ]
    year = choices.year(request, years, default=drawable[-1] if drawable else None)
    rows = []
    if year is not None:
        per_role = {role: payload["values"][role][str(year)] for role in BUBBLE_ROLES}
        colour_class = payload["colours"]
        for index, (code, name) in enumerate(payload["areas"]):
            cells = {role: per_role[role][index] for role in BUBBLE_ROLES}
            if all(v is None for v in cells.values()):
                continue
            klass = brief.class_of(cells["colour"], payload["breaks"])
            rows.append(
                {
                    "code": code,
                    "name": name,
                    **{role: brief.format_number(v) for role, v in cells.items()},
                    "swatch": colour_class[klass] if klass is not None else brief.NO_DATA,
                }
            )
    colour_values = [v for by_year in payload["values"]["colour"].values() for v in by_year if v is not None]
    index_of = {code: i for i, (code, _name) in enumerate(payload["areas"])}
    trails = [
        {
            "area": area,
            "rows": [
                {
                    "year": y,
                    **{
                        role: brief.format_number(payload["values"][role][str(y)][index_of[area.code]])
                        for role in BUBBLE_ROLES
                    },
                }
                for y in years
            ],
        }
        for area in traced
    ]
    query = request.GET.copy()
    query.pop("year", None)
    query.pop("page", None)
    context.update(
        {
            "years": years,
            "year": year,
            "page": Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page")),
            "legend": brief.legend(payload["breaks"], min(colour_values), max(colour_values))
            if colour_values
            else [],
            "no_data_colour": brief.NO_DATA,
            "errors": choices.errors,
            "trails": trails,
            "trace_text": ", ".join(a.name for a in traced),
            "area_names": [name for _code, name in payload["areas"]],
            "chart_data": {
                "url": reverse("hubs:knowledge:bubbles_data", args=[hub.slug])
                + "?"
                + "&".join(f"{role}={chosen[role].code}" for role in BUBBLE_ROLES)  # type: ignore[union-attr]
                + f"&level={level.slug}",
                "year": year,
                "trace": [a.code for a in traced],
                "areaUrl": reverse("hubs:places:area", args=[hub.slug, "__code__"]),
            },
        }
    )
    return render(request, "knowledge/bubbles.html", context, status=400 if choices.errors else 200)


def bubbles_data(request: HttpRequest, hub_slug: str) -> JsonResponse:
    """The bubble chart's data as JSON (all years); 400 with a message for bad choices."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    choices, chosen, level = _bubble_choices(request, hub)
    traced = _trace(request, level, choices)
    if choices.errors:
        return JsonResponse({"detail": " ".join(choices.errors)}, status=400)
    if level is None or any(i is None for i in chosen.values()):
        return JsonResponse({"detail": _("This hub has no indicators yet.")}, status=404)
    payload = _cached_bubble_payload(hub, chosen, level, [a.code for a in traced])  # type: ignore[arg-type]
    return JsonResponse(payload, json_dumps_params={"separators": (",", ":")})


def area_brief(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    """The decision brief of an area: every registered section with something to say."""
    hub = hub_selectors.hub_get(slug=hub_slug)
    area = place_selectors.area_get(hub=hub, code=code)
    # Worked out only when the cached parts of the page (under the hub's version) are missing.
    sections = SimpleLazyObject(lambda: brief.sections_for(area))
    sources = brief.brief_sources(area)
    return render(
        request,
        "knowledge/brief.html",
        {
            "hub": hub,
            "area": area,
            "sections": sections,
            "area_map": brief.area_map_svg(area),
            "sources": sources,
            "print_footer": brief.css_string(
                brief.print_footer(
                    title=_("Decision brief: %(name)s") % {"name": area.name},
                    hub_name=hub.name,
                    sources=sources,
                )
            ),
        },
    )
