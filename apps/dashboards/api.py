"""API for the goal dashboards, under /api/v1/: the same public figures as the pages, for the
hub (with a summary per goal and per top-level area), per goal (with its local targets) and
per area (with the areas inside it). Money is a decimal string with two places ("1500.50") in
the hub's currency, hours a decimal string. Counts only: never a person."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from apps.core.api import NOT_FOUND, answers
from apps.dashboards import selectors
from apps.dashboards.selectors import Figures
from apps.hubs.selectors import hub_get

router = Router(tags=["dashboards"])


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _number(value: Any) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


class DashboardCountOut(Schema):
    key: str
    label: str
    count: int


class DashboardAmountOut(Schema):
    key: str
    label: str
    amount: str


class DashboardHoursOut(Schema):
    key: str
    label: str
    hours: str
    value: str


class DashboardResultOut(Schema):
    id: int
    title: str
    url: str
    initiative: str | None
    indicator: str
    unit: str
    baseline: str
    target: str
    target_date: date
    latest: str | None
    progress: int | None


class DashboardFiguresOut(Schema):
    initiatives: int
    by_status: list[DashboardCountOut]
    by_phase: list[DashboardCountOut]
    people: int
    people_by_way: list[DashboardCountOut]
    partners: int
    partner_organisations: int
    partner_people: int
    money: list[DashboardAmountOut]
    hours: list[DashboardHoursOut]
    money_committed: str
    hours_committed: str
    results: list[DashboardResultOut]


def figures_out(f: Figures) -> dict[str, Any]:
    return {
        "initiatives": f.initiatives,
        "by_status": [vars(c) for c in f.by_status],
        "by_phase": [vars(c) for c in f.by_phase],
        "people": f.people,
        "people_by_way": [vars(c) for c in f.people_by_way],
        "partners": f.partners,
        "partner_organisations": f.partner_organisations,
        "partner_people": f.partner_people,
        "money": [{"key": a.key, "label": a.label, "amount": _money(a.amount)} for a in f.money],
        "hours": [
            {"key": h.key, "label": h.label, "hours": _number(h.hours), "value": _money(h.value)}
            for h in f.hours
        ],
        "money_committed": _money(f.money_committed),
        "hours_committed": _number(f.hours_committed),
        "results": [
            {
                "id": r.pk,
                "title": r.title,
                "url": r.get_absolute_url(),
                "initiative": r.initiative.slug if r.initiative_id and r.initiative else None,
                "indicator": r.indicator_label,
                "unit": r.unit_label,
                "baseline": _number(r.baseline),
                "target": _number(r.target),
                "target_date": r.target_date,
                "latest": _number(getattr(r, "current", None)),
                "progress": getattr(r, "progress", None),
            }
            for r in f.results
        ],
    }


class DashboardScopeOut(Schema):
    code: str
    title: str
    url: str
    figures: DashboardFiguresOut


class DashboardHubOut(Schema):
    hub: str
    currency: str
    hourly_rate: str
    url: str
    figures: DashboardFiguresOut
    goals: list[DashboardScopeOut]
    areas: list[DashboardScopeOut]


class DashboardGoalOut(DashboardScopeOut):
    currency: str
    targets: list[DashboardScopeOut]


class DashboardAreaOut(DashboardScopeOut):
    currency: str
    parent: str | None
    children: list[DashboardScopeOut]


def _url(name: str, *args: str) -> str:
    return reverse(f"hubs:dashboards:{name}", args=args)


def _scope(code: str, title: str, url: str, figures: Figures) -> dict[str, Any]:
    return {"code": code, "title": title, "url": url, "figures": figures_out(figures)}


@router.get(
    "/hubs/{hub_slug}/dashboard",
    response=answers(DashboardHubOut, NOT_FOUND),
    summary="A hub's dashboard figures, with a summary per goal and per top-level area",
)
def get_hub_dashboard(request: HttpRequest, hub_slug: str) -> dict[str, Any]:
    hub = hub_get(slug=hub_slug)
    board = selectors.hub_dashboard(hub=hub)
    return {
        "hub": hub.slug,
        "currency": hub.currency,
        "hourly_rate": _money(hub.hourly_rate or Decimal(0)),
        "url": reverse("hubs:dashboards:hub", args=[hub.slug]),
        "figures": figures_out(board.figures),
        "goals": [
            _scope(c.goal.code, c.goal.title, _url("goal", hub.slug, c.goal.code), c.figures)
            for c in board.goals
        ],
        "areas": [
            _scope(r.area.code, r.area.name, _url("area", hub.slug, r.area.code), r.figures)
            for r in board.areas
        ],
    }


@router.get(
    "/hubs/{hub_slug}/dashboard/goals/{code}",
    response=answers(DashboardGoalOut, NOT_FOUND),
    summary="One goal's dashboard figures, with a summary per local target",
)
def get_goal_dashboard(request: HttpRequest, hub_slug: str, code: str) -> dict[str, Any]:
    hub = hub_get(slug=hub_slug)
    goal = selectors.goal_get(hub=hub, code=code)
    board = selectors.goal_dashboard(hub=hub, goal=goal)
    return {
        **_scope(goal.code, goal.title, _url("goal", hub.slug, goal.code), board.figures),
        "currency": hub.currency,
        "targets": [
            _scope(
                t.target.code, t.target.title, _url("target", hub.slug, goal.code, t.target.code), t.figures
            )
            for t in board.targets
        ],
    }


@router.get(
    "/hubs/{hub_slug}/dashboard/areas/{code}",
    response=answers(DashboardAreaOut, NOT_FOUND),
    summary="One area's dashboard figures (with every area inside it), with a summary per child area",
)
def get_area_dashboard(request: HttpRequest, hub_slug: str, code: str) -> dict[str, Any]:
    hub = hub_get(slug=hub_slug)
    area = selectors.area_get(hub=hub, code=code)
    board = selectors.area_dashboard(hub=hub, area=area)
    return {
        **_scope(area.code, area.name, _url("area", hub.slug, area.code), board.figures),
        "currency": hub.currency,
        "parent": board.ancestors[-1].code if board.ancestors else None,
        "children": [
            _scope(r.area.code, r.area.name, _url("area", hub.slug, r.area.code), r.figures)
            for r in board.children
        ],
    }
