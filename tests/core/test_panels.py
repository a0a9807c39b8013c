"""Panels: how a lower app's page takes parts from apps above it (apps.core.panels)."""

from apps.accounts.panels import ME_PAGE
from apps.core.panels import Panel, Panels
from apps.organisations.panels import ORGANISATION_PAGE
from apps.places.panels import AREA_ASIDE, AREA_HEADER, AREA_MAIN, AREAS_HEADER


def test_panels_show_by_order_leave_out_none_and_replace_by_key():
    page = Panels("test.page")
    page.register(Panel(key="b", template="b.html", context=lambda *, n, **_: {"twice": n * 2}, order=20))
    page.register(Panel(key="a", template="a.html", order=10))
    page.register(Panel(key="gone", template="c.html", context=lambda **_: None, order=5))
    items = page.render_list(n=21)
    assert [item["panel"].key for item in items] == ["a", "b"]
    assert items[1]["context"] == {"n": 21, "twice": 42, "panel": items[1]["panel"]}
    page.register(Panel(key="a", template="other.html", order=30))
    assert [p.key for p in page.registered()] == ["gone", "b", "a"]
    page.unregister("gone")
    assert [p.key for p in page.registered()] == ["b", "a"]


def test_the_higher_apps_fill_the_lower_apps_pages():
    # Filled in each app's AppConfig.ready(): the lower app never imports the higher one.
    assert [p.key for p in ME_PAGE.registered()] == [
        "hubs",
        "organisations",
        "matching",
        "partners",
        "volunteers",
    ]
    assert [p.key for p in ORGANISATION_PAGE.registered()] == ["hubs", "partners", "agreements"]
    assert [p.key for p in AREAS_HEADER.registered()] == ["explorer"]
    assert [p.key for p in AREA_HEADER.registered()] == ["brief", "dashboard"]
    assert [p.key for p in AREA_MAIN.registered()] == [
        "profile",
        "initiatives",
        "ideas",
        "marks",
        "surveys",
        "events",
        "dialogues",
    ]
    assert [p.key for p in AREA_ASIDE.registered()] == ["goals"]


def test_the_initiative_page_and_the_hub_front_page_take_their_parts_from_above():
    from apps.hubs.panels import HUB_HEAD, HUB_NOTICES, HUB_PARTNER_LIST, HUB_STEWARD_LINKS, HUB_TAKE_PART
    from apps.initiatives.panels import INITIATIVE_HEAD, INITIATIVE_MAIN
    from apps.knowledge.panels import INDICATOR_ASIDE

    assert [p.key for p in INITIATIVE_MAIN.registered()] == [
        "process",
        "ideas",
        "marks",
        "surveys",
        "results",
        "events",
        "funding",
        "visions",
        "meetings",
        "volunteers",
        "partners",
        "matching",
        "library",
    ]
    assert [p.key for p in INITIATIVE_HEAD.registered()] == ["calendar"]
    assert [p.key for p in HUB_HEAD.registered()] == ["calendar"]
    assert [p.key for p in HUB_NOTICES.registered()] == ["establishing"]
    assert [p.key for p in HUB_TAKE_PART.registered()] == [
        "initiative-create",
        "initiative-map",
        "ideas",
        "events",
        "visions",
        "governance",
        "results",
        "matching",
        "dashboards",
        "library",
        "residents",
    ]
    assert [p.key for p in HUB_STEWARD_LINKS.registered()] == [
        "followup",
        "moderation",
        "process-templates",
        "establishment",
        "agreements",
        "funding",
        "dialogues",
        "matching",
        "governance",
        "consolidation",
        "residents",
        "privacy",
        "transfer",
    ]
    assert [p.key for p in HUB_PARTNER_LIST.registered()] == ["partners"]
    assert [p.key for p in INDICATOR_ASIDE.registered()] == ["goals"]


def test_the_briefs_take_their_sections_from_above():
    from apps.initiatives.panels import INITIATIVE_BRIEF
    from apps.knowledge.brief import BRIEF

    # The resident-group view (surveys: ideas, answers and ballots by group) comes after "residents".
    assert [p.key for p in BRIEF.registered()] == [
        "key-indicators",
        "trends",
        "neighbours",
        "initiatives",
        "residents",
        "resident-groups",
        "surveys",
        "marks",
        "partners",
    ]
    assert [p.key for p in INITIATIVE_BRIEF.registered()] == [
        "process",
        "area-indicators",
        "residents",
        "partners",
    ]
