"""Every figure of the fixture (tests/dashboards/conftest.py), computed by hand."""

from decimal import Decimal

import pytest

from apps.dashboards import selectors

pytestmark = pytest.mark.django_db
D = Decimal


def money(figures):
    return {row.key: row.amount for row in figures.money}


def hours(figures):
    return {row.key: (row.hours, row.value) for row in figures.hours}


def ways(figures):
    return {row.key: row.count for row in figures.people_by_way}


def statuses(figures):
    return {row.key: row.count for row in figures.by_status}


def titles(figures):
    return sorted(r.title for r in figures.results)


def test_hub_figures(world):
    f = selectors.hub_dashboard(hub=world.hub).figures
    assert f.initiatives == 5
    assert statuses(f) == {"idea": 1, "active": 2, "paused": 1, "completed": 1}
    assert [(row.key, row.count) for row in f.by_phase] == [("", 5)]
    # olga, tom, mia, nora, vic, bob, pia, petra — each once
    assert f.people == 8
    assert ways(f) == {
        "team": 4,  # olga (A and C), tom, mia, nora
        "ideas": 1,
        "comments": 1,
        "supports": 1,
        "votes": 1,
        "surveys": 1,
        "events": 1,  # vic; bob cancelled
        "pledges": 2,  # pia, petra; bob cancelled
    }
    # acme (A and B, and the hub: once, and the hub's own partnership not at all), per, bygg
    assert (f.partners, f.partner_organisations, f.partner_people) == (3, 2, 1)
    assert money(f) == {
        "partner_money": D("3000.10"),  # 1000.10 + 2000.00; offered 999 and withdrawn 50 not
        "partner_in_kind": D("800.00"),  # 500.00 in kind + 300.00 competence
        "pledged": D("350.75"),  # 250.50 + 100.25; the cancelled 1000 not
        "pledges_received": D("100.25"),
        "budget_planned": D("15000.10"),  # 10000.00 + 0.10 + 5000.00; the hub's own budget not
        "budget_received": D("7500.55"),
    }
    assert hours(f) == {
        "partner_hours": (D("15.0"), D("6750.00")),  # (10.5 + 4.5) × 450
        "budget_hours_planned": (D("20"), D("9000.00")),
        "budget_hours_given": (D("7.25"), D("3262.50")),
    }
    assert f.money_committed == D("4150.85")
    assert f.hours_committed == D("35")
    assert titles(f) == ["Bikes lent", "Green space in Tøyen", "Trees planted"]
    trees = next(r for r in f.results if r.title == "Trees planted")
    assert trees.current == D("40")  # the published report; the newer draft's 90 not
    assert trees.progress == 40
    assert f.results_reached == 0


def test_every_sum_is_an_exact_decimal(world):
    f = selectors.hub_dashboard(hub=world.hub).figures
    for row in f.money:
        assert isinstance(row.amount, Decimal)
        assert row.amount.as_tuple().exponent == -2
    assert str(money(f)["budget_planned"]) == "15000.10"


def test_goal_cards(world):
    board = selectors.hub_dashboard(hub=world.hub)
    cards = {card.goal.code: card.figures for card in board.goals}
    green, climate = cards["green"], cards["climate"]
    # green: A (the goal), B (its local target), F (the UN target 11.7 under the local target)
    assert green.initiatives == 3
    assert statuses(green) == {"idea": 1, "active": 1, "paused": 1}
    assert green.people == 6  # olga, tom, mia, nora, vic, bob
    assert (green.partners, green.partner_organisations, green.partner_people) == (2, 1, 1)
    assert money(green)["partner_money"] == D("1000.10")
    assert money(green)["partner_in_kind"] == D("800.00")
    assert money(green)["pledged"] == D("0.00")
    assert money(green)["budget_planned"] == D("10000.10")
    assert hours(green)["partner_hours"] == (D("15.0"), D("6750.00"))
    # A's result, and the hub's result on an indicator tagged with the local target
    assert titles(green) == ["Green space in Tøyen", "Trees planted"]
    assert climate.initiatives == 1
    assert climate.people == 3  # olga, pia, petra
    assert climate.partners == 1
    assert money(climate)["pledged"] == D("350.75")
    assert money(climate)["budget_planned"] == D("5000.00")
    assert titles(climate) == ["Bikes lent"]


def test_goal_page_and_targets(world):
    board = selectors.goal_dashboard(hub=world.hub, goal=selectors.goal_get(hub=world.hub, code="green"))
    assert board.figures.initiatives == 3
    assert board.figures.people == 6
    assert money(board.figures)["budget_received"] == D("2500.55")
    [row] = board.targets
    t = row.figures
    assert t.initiatives == 2  # B and F
    assert t.people == 3  # mia, nora (team and survey: once), vic
    assert ways(t)["team"] == 2
    assert t.partners == 1  # acme on B
    assert hours(t)["partner_hours"] == (D("4.5"), D("2025.00"))
    assert money(t)["partner_in_kind"] == D("300.00")
    assert titles(t) == ["Green space in Tøyen"]


def test_target_page(world):
    goal = selectors.goal_get(hub=world.hub, code="green")
    target = selectors.target_get(goal=goal, code="11.7.L1")
    board = selectors.target_dashboard(hub=world.hub, goal=goal, target=target)
    assert board.figures.initiatives == 2
    assert board.figures.people == 3


def test_area_rolls_up_to_parent_areas(world):
    gamle = selectors.area_dashboard(hub=world.hub, area=world.gamle)
    # A (Vaterland, two levels down), F (Grønland), B (Tøyen)
    assert gamle.figures.initiatives == 3
    assert gamle.figures.people == 6
    assert money(gamle.figures)["partner_money"] == D("1000.10")
    assert titles(gamle.figures) == ["Green space in Tøyen", "Trees planted"]
    children = {row.area.name: row.figures for row in gamle.children}
    assert list(children) == ["Grønland", "Tøyen"]
    assert children["Grønland"].initiatives == 2  # F, and A in Vaterland below it
    assert children["Grønland"].people == 6  # olga, tom, nora, mia, vic, bob
    assert children["Tøyen"].initiatives == 1
    assert children["Tøyen"].people == 3  # mia, vic, nora
    assert titles(children["Tøyen"]) == ["Green space in Tøyen"]
    vaterland = selectors.area_dashboard(hub=world.hub, area=world.vaterland)
    assert [a.name for a in vaterland.ancestors] == ["Gamle Oslo", "Grønland"]
    assert vaterland.figures.initiatives == 1
    frogner = selectors.area_dashboard(hub=world.hub, area=world.frogner)
    assert frogner.figures.initiatives == 1
    assert frogner.figures.people == 3


def test_hub_area_rows(world):
    board = selectors.hub_dashboard(hub=world.hub)
    rows = {row.area.name: row.figures.initiatives for row in board.areas}
    assert rows == {"Frogner": 1, "Gamle Oslo": 3}


def test_other_hub_sees_only_its_own(world, sodertorn):
    board = selectors.hub_dashboard(hub=sodertorn)
    assert board.figures.initiatives == 1
    assert board.figures.people == 1
    assert money(board.figures)["partner_money"] == D("5555.00")
    assert board.figures.results == []
    [card] = board.goals
    assert card.figures.initiatives == 1


def test_a_draft_result_is_never_counted(world):
    for f in (
        selectors.hub_dashboard(hub=world.hub).figures,
        selectors.area_dashboard(hub=world.hub, area=world.gamle).figures,
    ):
        assert "Secret draft result" not in titles(f)
