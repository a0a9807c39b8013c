"""The decision brief of an area (P4): a printable page built from sections.

Each section is a title, a template and a function that makes the template's context from the
area. Apps register their own sections (initiatives in the area, what residents said, partners
involved …) without touching this file:

    from apps.knowledge.brief import BriefSection, register_section

    register_section(BriefSection(key="initiatives", title=_("Initiatives here"),
                                  template="initiatives/brief_section.html",
                                  context=lambda area: {"initiatives": ...}, order=40))

Call `register_section` from the app's `AppConfig.ready()`. A section whose context function
returns None is left out of the brief (nothing to say about this area). Sections are panels
(`apps.core.panels`), the one way a page takes parts from apps above it.

Also here: the small number helpers the explorer and the brief share (formatting, quantile
classes, ranks, sparklines).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.panels import Panel, Panels
from apps.knowledge.selectors import (
    area_series,
    children_means,
    explorer_indicators_by_id,
    level_means,
    sibling_values,
)
from apps.places.models import Area

# Numbers ---------------------------------------------------------------------------------

# A sequential palette (ColorBrewer YlGnBu, 5 classes: colour-blind safe, prints in grey
# as light to dark) and the grey for "no data". The legend always states each class's range.
PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
NO_DATA = "#d4d4d4"


def decimals_for(value: float) -> int:
    """How many decimals a value deserves: none for thousands, three for shares below one."""
    size = abs(value)
    if size >= 100:
        return 0
    if size >= 10:
        return 1
    if size >= 1:
        return 2
    return 3


def format_number(value: float | None, decimals: int | None = None) -> str:
    """A value for people: grouped thousands and the locale's decimal mark; "–" for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value == 0 and decimals is None:
        return "0"
    places = decimals_for(value) if decimals is None else decimals
    return number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def is_share(indicator: Any) -> bool:
    """A share (0–1) is shown as per cent: 0.76 is "76 %"."""
    return getattr(indicator, "unit", "") == "share"


def display_unit(indicator: Any) -> str:
    """The unit people read: "%" for shares and per cents, else the indicator's own."""
    unit = getattr(indicator, "unit", "") or ""
    return "%" if unit in {"share", "%"} else unit


def scale_of(indicator: Any) -> float:
    """What a stored value is multiplied by for display (100 for shares)."""
    return 100.0 if is_share(indicator) else 1.0


def format_value(value: float | None, indicator: Any, decimals: int | None = None) -> str:
    """A value of `indicator` for people: shares as per cent ("76 %"), per cents with "%",
    everything else as `format_number`; "–" for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    unit = getattr(indicator, "unit", "") or ""
    if unit == "share":
        return format_number(value * 100, 1 if decimals is None else decimals) + "\u00a0%"
    if unit == "%":
        return format_number(value, decimals) + "\u00a0%"
    return format_number(value, decimals)


def best_first(indicator: Any) -> bool:
    """Whether rank 1 is the highest value: yes, unless lower is better (e.g. low income).
    Without a known direction the highest value ranks first, and the wording stays neutral."""
    return getattr(indicator, "higher_is_better", None) is not False


def quantile_breaks(values: Iterable[float], classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of the first `classes - 1` quantile classes (duplicates dropped), so that a
    value v falls in class `bisect_right(breaks, v)`. The same rule runs in explorer.js."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks: list[float] = []
    for i in range(1, classes):
        position = (len(ordered) - 1) * i / classes
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        cut = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
        if not breaks or cut > breaks[-1]:
            breaks.append(cut)
    # A break equal to the maximum would leave its class empty.
    return [b for b in breaks if b < ordered[-1]]


def class_of(value: float | None, breaks: Sequence[float]) -> int | None:
    return None if value is None else bisect.bisect_right(list(breaks), value)


def legend(breaks: Sequence[float], low: float, high: float, indicator: Any = None) -> list[dict[str, Any]]:
    """One entry per class: its colour and its range as text (colour never carries it alone).
    With `indicator`: shares in per cent, and the darkest colour for the best values."""
    scale = scale_of(indicator)
    bounds = [b * scale for b in (low, *breaks, high)]
    places = decimals_for(max(abs(bounds[0]), abs(bounds[-1])))  # one precision for the legend
    colours = class_colours(breaks, indicator)
    entries = []
    for i in range(len(bounds) - 1):
        entries.append(
            {
                "colour": colours[i],
                "low": format_number(bounds[i], places),
                "high": format_number(bounds[i + 1], places),
                "first": i == 0,
            }
        )
    return entries


def class_colours(breaks: Sequence[float], indicator: Any = None) -> list[str]:
    """The palette colour of each class for these breaks (fewer classes spread over the palette),
    light to dark; dark to light when lower is better, so the darkest colour is always the best."""
    count = len(breaks) + 1
    colours = [PALETTE[round(i * (len(PALETTE) - 1) / max(count - 1, 1))] for i in range(count)]
    if getattr(indicator, "higher_is_better", None) is False:
        colours.reverse()
    return colours


def ranks(values: dict[int, float], *, descending: bool = True) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4 …) of {key: value}; rank 1 is the highest value (the
    lowest with `descending=False`: pass `best_first(indicator)`)."""
    ordered = sorted(values.values(), reverse=descending)
    first: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in values.items()}


def sparkline(series: dict[int, float], width: int = 120, height: int = 32) -> str:
    """SVG points ("x,y x,y …") of a small trend line over the years: drawn on the server, so it
    prints and shows without JavaScript."""
    years = sorted(series)
    if len(years) < 2:
        return ""
    values = [series[y] for y in years]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    x_step = (width - 4) / (years[-1] - years[0] or 1)
    points = [
        f"{2 + (year - years[0]) * x_step:.1f},{height - 2 - (value - low) / span * (height - 4):.1f}"
        for year, value in zip(years, values, strict=True)
    ]
    return " ".join(points)


# Area figures (the area page's profile and the brief) ----------------------------------------


def area_profile(area: Area) -> list[dict[str, Any]]:
    """Every indicator with values for `area`: its series next to its parent's and the mean of
    all areas of its level in the hub, year by year, for charts and tables. Three queries,
    remembered on the area object (the brief's sections share them)."""
    cached = getattr(area, "_profile_cache", None)
    if cached is not None:
        return cached
    parent = area.parent
    compared = [area, parent] if parent else [area]
    series = area_series(areas=compared)
    indicators = [
        i for i in explorer_indicators_by_id(hub_id=area.hub_id) if i.pk in series and area.pk in series[i.pk]
    ]
    means = level_means(level=area.level, indicator_ids=[i.pk for i in indicators])
    # Without values of the parent's own, its line is the mean of its children (this level).
    parent_means: dict[int, dict[int, float]] = {}
    if parent and any(parent.pk not in series[i.pk] for i in indicators):
        parent_means = children_means(parent=parent, level=area.level)
    profile = []
    for indicator in indicators:
        own = series[indicator.pk].get(area.pk, {})
        parents = series[indicator.pk].get(parent.pk, {}) if parent else {}
        parent_is_mean = bool(parent) and not parents
        if parent_is_mean:
            parents = parent_means.get(indicator.pk, {})
        hub = means.get(indicator.pk, {})
        years = sorted(set(own) | set(parents) | set(hub))
        latest = max(own)
        scale = scale_of(indicator)

        def scaled(
            series: dict[int, float], scale: float = scale, years: list[int] = years
        ) -> list[float | None]:
            return [None if series.get(y) is None else round(series[y] * scale, 6) for y in years]

        profile.append(
            {
                "indicator": indicator,
                "own": own,
                "parent": parents,
                "hub": hub,
                "parent_is_mean": parent_is_mean,
                "years": years,
                "latest_year": latest,
                "latest": own[latest],
                "latest_display": format_value(own[latest], indicator),
                "rows": [
                    {
                        "year": year,
                        "own": format_value(own.get(year), indicator),
                        "parent": format_value(parents.get(year), indicator),
                        "hub": format_value(hub.get(year), indicator),
                    }
                    for year in years
                ],
                "chart": {
                    "code": indicator.code,
                    "name": indicator.name,
                    "unit": display_unit(indicator),
                    "years": years,
                    "own": scaled(own),
                    "parent": scaled(parents),
                    "parentLabel": (
                        gettext("%(name)s (mean of its areas)") % {"name": parent.name}
                        if parent_is_mean
                        else parent.name
                    )
                    if parent
                    else "",
                    "hub": scaled(hub),
                },
            }
        )
    area._profile_cache = profile  # type: ignore[attr-defined]
    return profile


def _change(
    series: dict[int, float], latest: int, span: int = 5
) -> tuple[int | None, float | None, float | None]:
    """The change over `span` years up to `latest` (or since the earliest year, when shorter):
    the start year, the absolute change and the relative change in per cent."""
    earlier = [y for y in series if latest - span <= y < latest]
    if not earlier:
        return None, None, None
    start = min(earlier)
    delta = series[latest] - series[start]
    percent = delta / abs(series[start]) * 100 if series[start] else None
    return start, delta, percent


def _change_text(delta: float, latest: float, indicator: Any) -> str:
    """A change with its sign: for a share in percentage points ("+3,1 pp"), else in the
    indicator's own numbers."""
    sign = "+" if delta > 0 else ""
    if is_share(indicator):
        return gettext("%(sign)s%(number)s pp") % {"sign": sign, "number": format_number(delta * 100, 1)}
    return sign + format_number(delta, decimals_for(latest))


def _verdict(delta: float | None, indicator: Any) -> str:
    """ "better", "worse" or "" (no change, or no known direction): the brief's wording."""
    direction = getattr(indicator, "higher_is_better", None)
    if not delta or direction is None:
        return ""
    return "better" if (delta > 0) == direction else "worse"


def area_key_figures(area: Area) -> list[dict[str, Any]]:
    """Per indicator: the latest value, its change over five years, the parent's value, the rank
    among the area's siblings (same parent and level) and a sparkline. Remembered on the area."""
    cached = getattr(area, "_key_figures_cache", None)
    if cached is not None:
        return cached
    profile = area_profile(area)
    figures: list[dict[str, Any]] = []
    if profile:
        first_latest = min(p["latest_year"] for p in profile)
        siblings = sibling_values(area=area, year_from=first_latest)
        for item in profile:
            indicator, latest, own = item["indicator"], item["latest_year"], item["own"]
            start, delta, percent = _change(own, latest)
            at_latest = {
                area_id: years[latest]
                for area_id, years in siblings.get(indicator.pk, {}).items()
                if latest in years
            }
            order = ranks(at_latest, descending=best_first(indicator))
            figures.append(
                {
                    "indicator": indicator,
                    "unit": display_unit(indicator),
                    "year": latest,
                    "value": format_value(item["latest"], indicator),
                    "start_year": start,
                    "change": _change_text(delta, item["latest"], indicator) if delta is not None else "",
                    "percent": (("+" if percent > 0 else "") + format_number(percent, 1))
                    if percent is not None and not is_share(indicator)
                    else "",
                    "direction": "up" if delta and delta > 0 else "down" if delta and delta < 0 else "flat",
                    "verdict": _verdict(delta, indicator),
                    "parent": format_value(item["parent"].get(latest), indicator) if item["parent"] else "",
                    "rank": order.get(area.pk),
                    "rank_of": len(order),
                    "best_first": best_first(indicator),
                    "sparkline": sparkline(own),
                    "first_year": min(own),
                }
            )
    area._key_figures_cache = figures  # type: ignore[attr-defined]
    return figures


def area_among_neighbours(area: Area) -> dict[str, Any] | None:
    """The area next to its neighbours: per indicator its value and rank among them (latest
    year the area has), and the lowest and highest neighbour. None without neighbours."""
    neighbours = list(area.neighbours.all())
    if not neighbours:
        return None
    names = {a.pk: a for a in [area, *neighbours]}
    series = area_series(areas=[area, *neighbours])
    rows = []
    for indicator in explorer_indicators_by_id(hub_id=area.hub_id):
        by_area = series.get(indicator.pk, {})
        own = by_area.get(area.pk)
        if not own:
            continue
        latest = max(own)
        values = {area_id: years[latest] for area_id, years in by_area.items() if latest in years}
        others = {k: v for k, v in values.items() if k != area.pk}
        order = ranks(values, descending=best_first(indicator))
        low = min(others, key=lambda k: others[k]) if others else None
        high = max(others, key=lambda k: others[k]) if others else None
        rows.append(
            {
                "indicator": indicator,
                "year": latest,
                "value": format_value(own[latest], indicator),
                "rank": order[area.pk],
                "rank_of": len(order),
                "best_first": best_first(indicator),
                "low": names[low] if low else None,
                "low_value": format_value(others[low], indicator) if low else "",
                "high": names[high] if high else None,
                "high_value": format_value(others[high], indicator) if high else "",
            }
        )
    return {"neighbours": neighbours, "rows": rows}


# Sections --------------------------------------------------------------------------------


# The brief's sections are panels (apps.core.panels): `context(area=…)` returns the section's
# context, or None to leave it out for this area.
BRIEF = Panels("knowledge.brief")
BriefSection = Panel
register_section = BRIEF.register


def registered_sections() -> list[Panel]:
    return BRIEF.registered()


def sections_for(area: Area) -> list[dict[str, Any]]:
    """The brief of `area`: each section with something to say, as {panel, context}."""
    return BRIEF.render_list(area=area)


# The knowledge sections: key indicators, trends and the area among its neighbours.


def _key_indicators(area: Area) -> dict[str, Any] | None:
    figures = area_key_figures(area)
    return {"figures": figures} if figures else None


def _neighbours(area: Area) -> dict[str, Any] | None:
    return area_among_neighbours(area)


register_section(
    BriefSection(
        key="key-indicators",
        title=_("Key indicators"),
        template="knowledge/brief/key_indicators.html",
        context=_key_indicators,
        order=10,
    )
)
register_section(
    BriefSection(
        key="trends",
        title=_("Trends"),
        template="knowledge/brief/trends.html",
        context=_key_indicators,
        order=20,
    )
)
register_section(
    BriefSection(
        key="neighbours",
        title=_("Among its neighbours"),
        template="knowledge/brief/neighbours.html",
        context=_neighbours,
        order=30,
    )
)


# The brief's map and its sources -----------------------------------------------------------


def _rings(geometry: dict[str, Any] | None) -> list[list[list[float]]]:
    if not geometry:
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def area_map_svg(area: Area, width: int = 320, height: int = 240) -> dict[str, Any] | None:
    """The area (and its neighbours, lighter) as SVG paths fitted into width × height: drawn on
    the server, so the brief shows and prints its map without JavaScript or tiles. Longitude is
    scaled by cos(latitude), so shapes keep their proportions. None without a geometry."""
    own = _rings(area.geometry)
    if not own:
        return None
    xs = [p[0] for ring in own for p in ring]
    ys = [p[1] for ring in own for p in ring]
    # Frame the area with a margin of a fifth of its size on each side.
    pad_x, pad_y = (max(xs) - min(xs)) * 0.2 or 0.01, (max(ys) - min(ys)) * 0.2 or 0.01
    west, east, south, north = min(xs) - pad_x, max(xs) + pad_x, min(ys) - pad_y, max(ys) + pad_y
    shrink = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * shrink, north - south
    scale = min(width / span_x, height / span_y)
    off_x, off_y = (width - span_x * scale) / 2, (height - span_y * scale) / 2

    def path(rings: list[list[list[float]]]) -> str:
        parts = []
        for ring in rings:
            points = [
                f"{off_x + (lon - west) * shrink * scale:.1f},{off_y + (north - lat) * scale:.1f}"
                for lon, lat, *_rest in ring
            ]
            parts.append("M" + "L".join(points) + "Z")
        return "".join(parts)

    neighbours = [
        {"name": n.name, "d": path(_rings(n.geometry))} for n in area.neighbours.all() if _rings(n.geometry)
    ]
    return {
        "width": width,
        "height": height,
        "area": path(own),
        "neighbours": neighbours,
        "bounds": [round(west, 4), round(south, 4), round(east, 4), round(north, 4)],
    }


def brief_sources(area: Area) -> list[dict[str, str]]:
    """The distinct sources and licences of the indicators the brief shows (for the footer of
    every printed page)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for item in area_profile(area):
        indicator = item["indicator"]
        key = (indicator.source or "", indicator.licence or "")
        if any(key):
            seen.setdefault(key, {"source": key[0], "licence": key[1]})
    return list(seen.values())


# Sections that list things in the area, from apps above knowledge, share one template.
ITEMS_TEMPLATE = "knowledge/brief/items.html"
ITEMS_SHOWN = 12


def items_section(rows: list[dict[str, str]], note: str = "") -> dict[str, Any] | None:
    """A section's context for rows of {title, meta, detail}: the first ITEMS_SHOWN, the total and
    a note; None (no section) without rows."""
    if not rows:
        return None
    return {"rows": rows[:ITEMS_SHOWN], "total": len(rows), "note": note}


# Order of the sections: key indicators 10, trends 20, neighbours 30, initiatives 40, residents
# said (participation) 50, the resident-group view (surveys, 55), surveys and
# votes 60, map marks 70, partners 80.


def css_string(text: str) -> str:
    """`text` as the inside of a CSS string ("…"): quotes, backslashes, line breaks and "<" as
    CSS escapes, so it can stand in a <style> element (the brief's printed page footer)."""
    out = []
    for char in text:
        if char in "\"\\<>&'" or ord(char) < 32:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return "".join(out)


def print_footer(*, title: str, hub_name: str, sources: list[dict[str, str]]) -> str:
    """The line at the foot of every printed page of a brief: what, where, when, from which
    source under which licence."""
    from django.utils import timezone
    from django.utils.formats import date_format

    parts = [
        gettext("%(title)s, %(hub)s, made %(date)s")
        % {"title": title, "hub": hub_name, "date": date_format(timezone.localdate(), "DATE_FORMAT")}
    ]
    for s in sources:
        bits = []
        if s["source"]:
            bits.append(gettext("Source: %(source)s") % {"source": s["source"]})
        if s["licence"]:
            bits.append(gettext("Licence: %(licence)s") % {"licence": s["licence"]})
        parts.append(" · ".join(bits))
    if not sources:
        parts.append(gettext("Source: what residents, initiatives and partners entered in Allmenning"))
    return " — ".join(p for p in parts if p)
