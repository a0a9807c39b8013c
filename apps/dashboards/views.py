"""Goal dashboard pages (public): the hub, a goal, a local target, an area. Each page's numbers
are in accessible tables (the truth), drawn as charts by a small script when JavaScript runs,
and downloadable as CSV (`?table=figures` or `?table=results`)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from apps.dashboards import export, selectors
from apps.dashboards.selectors import Figures
from apps.hubs.selectors import hub_get

TABLES = ("figures", "results")


def _csv(
    request: HttpRequest,
    name: str,
    main: tuple[str, str, Figures],
    parts: list[tuple[str, str, Figures]],
    currency: str,
) -> HttpResponse:
    table = request.GET.get("table", "figures")
    if table not in TABLES:
        table = "figures"
    if table == "results":
        scope, code, figures = main
        return export.csv_response(
            f"{name}-results", export.RESULT_HEADER, export.result_rows(figures, scope=scope, code=code)
        )
    rows: list[list[Any]] = []
    for scope, code, figures in [main, *parts]:
        rows += export.figure_rows(figures, scope=scope, code=code, currency=currency)
    return export.csv_response(f"{name}-figures", export.FIGURE_HEADER, rows)


def _comparison_chart(key: str, title: str, items: list[tuple[str, Figures]]) -> dict[str, Any]:
    return {
        "id": key,
        "title": title,
        "labels": [label for label, _f in items],
        "datasets": [
            {"label": _("Initiatives"), "values": [f.initiatives for _l, f in items]},
            {"label": _("People taking part"), "values": [f.people for _l, f in items]},
            {"label": _("Partners"), "values": [f.partners for _l, f in items]},
        ],
    }


def _area_rows(hub: Any, rows: list[selectors.AreaRow]) -> list[tuple[str, str, Figures]]:
    return [
        (row.area.name, reverse("hubs:dashboards:area", args=[hub.slug, row.area.code]), row.figures)
        for row in rows
    ]


@require_safe
def hub_dashboard(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    board = selectors.hub_dashboard(hub=hub)
    charts = export.figure_charts(board.figures)
    if board.goals:
        charts.append(
            _comparison_chart(
                "goals", _("The goals compared"), [(card.goal.title, card.figures) for card in board.goals]
            )
        )
    if board.areas:
        charts.append(
            _comparison_chart(
                "areas", _("The areas compared"), [(row.area.name, row.figures) for row in board.areas]
            )
        )
    goal_rows = [
        (card.goal.title, reverse("hubs:dashboards:goal", args=[hub.slug, card.goal.code]), card.figures)
        for card in board.goals
    ]
    return render(
        request,
        "dashboards/hub.html",
        {
            "hub": hub,
            "board": board,
            "charts": charts,
            "goal_rows": goal_rows,
            "area_rows": _area_rows(hub, board.areas),
        },
    )


@require_safe
def hub_csv(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    board = selectors.hub_dashboard(hub=hub)
    parts = [(card.goal.title, f"goal:{card.goal.code}", card.figures) for card in board.goals]
    parts += [(row.area.name, f"area:{row.area.code}", row.figures) for row in board.areas]
    return _csv(
        request, f"dashboard-{hub.slug}", (hub.name, f"hub:{hub.slug}", board.figures), parts, hub.currency
    )


@require_safe
def goal_dashboard(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.goal_get(hub=hub, code=code)
    board = selectors.goal_dashboard(hub=hub, goal=goal)
    charts = export.figure_charts(board.figures)
    if board.targets:
        charts.append(
            _comparison_chart(
                "targets",
                _("The targets compared"),
                [(row.target.code, row.figures) for row in board.targets],
            )
        )
    target_rows = [
        (
            f"{row.target.code} {row.target.title}",
            reverse("hubs:dashboards:target", args=[hub.slug, goal.code, row.target.code]),
            row.figures,
        )
        for row in board.targets
    ]
    return render(
        request,
        "dashboards/goal.html",
        {"hub": hub, "board": board, "charts": charts, "target_rows": target_rows},
    )


@require_safe
def goal_csv(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.goal_get(hub=hub, code=code)
    board = selectors.goal_dashboard(hub=hub, goal=goal)
    parts = [(row.target.title, f"target:{row.target.code}", row.figures) for row in board.targets]
    return _csv(
        request,
        f"dashboard-{hub.slug}-{goal.code}",
        (goal.title, f"goal:{goal.code}", board.figures),
        parts,
        hub.currency,
    )


@require_safe
def target_dashboard(request: HttpRequest, hub_slug: str, code: str, target_code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.goal_get(hub=hub, code=code)
    target = selectors.target_get(goal=goal, code=target_code)
    board = selectors.target_dashboard(hub=hub, goal=goal, target=target)
    charts = export.figure_charts(board.figures)
    return render(request, "dashboards/target.html", {"hub": hub, "board": board, "charts": charts})


@require_safe
def target_csv(request: HttpRequest, hub_slug: str, code: str, target_code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.goal_get(hub=hub, code=code)
    target = selectors.target_get(goal=goal, code=target_code)
    board = selectors.target_dashboard(hub=hub, goal=goal, target=target)
    return _csv(
        request,
        f"dashboard-{hub.slug}-{target.code}",
        (target.title, f"target:{target.code}", board.figures),
        [],
        hub.currency,
    )


@require_safe
def area_dashboard(request: HttpRequest, hub_slug: str, area_code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    area = selectors.area_get(hub=hub, code=area_code)
    board = selectors.area_dashboard(hub=hub, area=area)
    charts = export.figure_charts(board.figures)
    if board.children:
        charts.append(
            _comparison_chart(
                "areas", _("The areas compared"), [(row.area.name, row.figures) for row in board.children]
            )
        )
    return render(
        request,
        "dashboards/area.html",
        {"hub": hub, "board": board, "charts": charts, "area_rows": _area_rows(hub, board.children)},
    )


@require_safe
def area_csv(request: HttpRequest, hub_slug: str, area_code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    area = selectors.area_get(hub=hub, code=area_code)
    board = selectors.area_dashboard(hub=hub, area=area)
    parts = [(row.area.name, f"area:{row.area.code}", row.figures) for row in board.children]
    return _csv(
        request,
        f"dashboard-{hub.slug}-area",
        (area.name, f"area:{area.code}", board.figures),
        parts,
        hub.currency,
    )
