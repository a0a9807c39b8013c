"""Knowledge pages: the explorer, the bubble chart and its data, and the decision brief."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy

from apps.knowledge import brief
from tests.factories import HubFactory
from tests.places.test_views import build_dataset


@pytest.fixture
def world(sodertorn):
    return build_dataset(sodertorn)


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


# Explorer -------------------------------------------------------------------------------


def test_the_explorer_shows_a_map_a_legend_and_a_ranked_table(client, world):
    response = client.get("/sodertorn/knowledge/", {"indicator": "median_income", "level": "district"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="explorer-data"' in html
    assert "map-legend" in html and "No data" in html
    assert "(SEK)" in html
    # The latest year by default; the highest value ranks first.
    assert 'value="2014"' in html
    rows = response.context["page"].object_list
    assert [r["area"].code for r in rows] == ["D4", "D3", "D2", "D1"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert (
        "/api/v1/hubs/sodertorn/indicators/median_income/values?level=district&amp;year=2014&amp;format=csv"
        in html
    )
    data = response.context["map_data"]
    assert data["values"] == {"D1": 106.0, "D2": 116.0, "D3": 126.0, "D4": 136.0}
    assert len(set(data["colours"])) > 1
    assert data["tileUrl"] == ""


def test_the_explorer_defaults_to_the_first_indicator_and_the_finest_level(client, world):
    response = client.get("/sodertorn/knowledge/")
    assert response.status_code == 200
    assert response.context["indicator"].code == "green_access"  # ecological, economic, social
    assert response.context["level"].slug == "district"


def test_the_explorer_sorts_by_link(client, world):
    params = {"indicator": "median_income", "level": "district", "year": "2013"}
    rows = client.get("/sodertorn/knowledge/", {**params, "sort": "value"}).context["page"].object_list
    assert [r["area"].code for r in rows] == ["D1", "D2", "D3", "D4"]
    assert [r["rank"] for r in rows] == [4, 3, 2, 1]
    rows = client.get("/sodertorn/knowledge/", {**params, "sort": "-name"}).context["page"].object_list
    assert [r["area"].code for r in rows] == ["D4", "D3", "D2", "D1"]
    html = client.get("/sodertorn/knowledge/", {**params, "sort": "name"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "sort=-name" in html


def test_areas_without_a_value_are_listed_last_as_no_data(client, world):
    response = client.get("/sodertorn/knowledge/", {"indicator": "green_access", "level": "district"})
    rows = response.context["page"].object_list
    assert rows[-1]["area"].code == "D1"
    assert rows[-1]["value"] is None and rows[-1]["rank"] is None
    assert rows[-1]["colour"] == brief.NO_DATA
    assert "no data" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1850"},
        {"indicator": "no-such-thing"},
        {"level": "nowhere"},
        {"indicator": "median_income", "year": "99999999999999999999"},
        {"sort": "drop table"},
        {"page": "x"},
    ],
)
def test_bad_choices_give_a_friendly_page_never_a_500(client, world, params):
    response = client.get("/sodertorn/knowledge/", params)
    assert response.status_code in (200, 400)
    assert response.context["indicator"] is not None
    if response.status_code == 400:
        assert "nearest valid choice" in response.content.decode()


def test_an_unknown_indicator_is_a_400_naming_it(client, world):
    response = client.get("/sodertorn/knowledge/", {"indicator": "nope"})
    assert response.status_code == 400
    assert "There is no indicator “nope”" in _main(response)


def test_a_hub_without_data_says_so(client, sodertorn):
    response = client.get("/sodertorn/knowledge/")
    assert response.status_code == 200
    assert "No data yet" in response.content.decode()
    response = client.get("/sodertorn/knowledge/bubbles/")
    assert response.status_code == 200
    assert "No data yet" in response.content.decode()


def test_unknown_hubs_are_404(client, world):
    assert client.get("/nowhere/knowledge/").status_code == 404
    assert client.get("/nowhere/knowledge/bubbles/").status_code == 404
    assert client.get("/nowhere/knowledge/bubbles/data/").status_code == 404


def test_another_hubs_indicators_are_not_offered(client, world):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo")
    build_dataset(oslo, n=2, prefix="O", indicators=1)
    response = client.get("/oslo/knowledge/", {"indicator": "employment_rate"})
    assert response.status_code == 400
    codes = {r["area"].code for r in response.context["page"].object_list}
    assert codes == {"O1", "O2"}


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_explorer_uses_a_constant_number_of_queries(client, sodertorn):
    params = {"indicator": "median_income", "level": "district"}
    build_dataset(sodertorn, n=10)
    small = _queries(client, "/sodertorn/knowledge/", params)
    build_dataset(sodertorn, n=20, prefix="E")
    assert _queries(client, "/sodertorn/knowledge/", params) == small


# Bubble chart ---------------------------------------------------------------------------


def test_the_bubble_chart_page_has_its_form_chart_and_table(client, world):
    response = client.get(
        "/sodertorn/knowledge/bubbles/",
        {"x": "median_income", "y": "employment_rate", "size": "median_income", "colour": "green_access"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="bubble-canvas"' in html and 'tabindex="0"' in html and 'aria-live="polite"' in html
    assert 'id="bubble-config"' in html
    for label in ("Horizontal axis (x)", "Vertical axis (y)", "Bubble size", "Colour", "Level", "Year"):
        assert label in html
    rows = response.context["page"].object_list
    assert {r["code"] for r in rows} == {"D1", "D2", "D3", "D4"}
    assert "Play the years" in html


def test_the_bubble_data_has_every_year_compactly(client, world):
    response = client.get(
        "/sodertorn/knowledge/bubbles/data/",
        {
            "x": "median_income",
            "y": "employment_rate",
            "size": "median_income",
            "colour": "green_access",
            "level": "district",
        },
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["years"] == [2012, 2013, 2014]
    assert [a[0] for a in data["areas"]] == ["D1", "D2", "D3", "D4"]
    assert data["values"]["x"]["2014"] == [106.0, 116.0, 126.0, 136.0]
    assert data["values"]["colour"]["2012"][0] is None  # D1 has no green-space value
    assert data["indicators"]["y"]["unit"] == "%"


def test_bad_bubble_choices_are_400(client, world):
    assert client.get("/sodertorn/knowledge/bubbles/data/", {"x": "nope"}).status_code == 400
    assert client.get("/sodertorn/knowledge/bubbles/", {"x": "nope"}).status_code == 400
    assert client.get("/sodertorn/knowledge/bubbles/", {"year": "abc"}).status_code == 400
    assert client.get("/sodertorn/knowledge/bubbles/", {"level": "x"}).status_code == 400


def test_the_bubble_page_uses_a_constant_number_of_queries(client, sodertorn):
    build_dataset(sodertorn, n=10)
    small = _queries(client, "/sodertorn/knowledge/bubbles/", {"level": "district"})
    build_dataset(sodertorn, n=20, prefix="E")
    assert _queries(client, "/sodertorn/knowledge/bubbles/", {"level": "district"}) == small


# Decision brief -------------------------------------------------------------------------


def test_the_brief_has_its_sections_and_a_print_button(client, world):
    response = client.get("/sodertorn/areas/D2/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for title in ("Key indicators", "Trends", "Among its neighbours"):
        assert title in html
    assert "data-print" in html and "js/print.js" in html
    assert "<polyline" in html  # sparklines drawn on the server
    assert "2 of 2" in html  # D2 ranks second of the two districts of Westside, highest first


def test_the_brief_key_figures(world):
    area = world["areas"][1]
    area.refresh_from_db()
    figures = {f["indicator"].code: f for f in brief.area_key_figures(area)}
    income = figures["median_income"]
    assert income["year"] == 2014 and income["value"] == "116"
    assert income["start_year"] == 2012 and income["change"] == "+6" and income["direction"] == "up"
    assert income["parent"] == "102"
    assert (income["rank"], income["rank_of"]) == (1, 2)


def test_other_apps_can_add_a_section_to_the_brief(client, world):
    section = brief.BriefSection(
        key="test-extra",
        title=gettext_lazy("Initiatives here"),
        template="knowledge/brief/trends.html",
        context=lambda area: {"figures": []} if area.code == "D2" else None,
        order=40,
    )
    brief.register_section(section)
    try:
        assert "Initiatives here" in client.get("/sodertorn/areas/D2/brief/").content.decode()
        assert "Initiatives here" not in client.get("/sodertorn/areas/D3/brief/").content.decode()
        keys = [s["panel"].key for s in brief.sections_for(world["areas"][1])]
        assert keys == ["key-indicators", "trends", "neighbours", "test-extra"]
    finally:
        brief.BRIEF.unregister("test-extra")


def test_the_brief_of_an_area_without_data_is_friendly(client, sodertorn):
    from apps.places.models import Area, AreaLevel

    level = AreaLevel.objects.create(hub=sodertorn, slug="district", name="District")
    Area.objects.create(hub=sodertorn, level=level, code="X", name="Empty")
    response = client.get("/sodertorn/areas/X/brief/")
    assert response.status_code == 200
    assert "Nothing to say about this area yet" in response.content.decode()


def test_the_brief_uses_a_constant_number_of_queries(client, sodertorn):
    build_dataset(sodertorn, n=4)
    small = _queries(client, "/sodertorn/areas/D2/brief/", {})
    build_dataset(sodertorn, n=12, prefix="E")
    assert _queries(client, "/sodertorn/areas/E2/brief/", {}) == small


# Number helpers -------------------------------------------------------------------------


def test_quantile_classes_and_ranks():
    breaks = brief.quantile_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert len(breaks) == 4
    assert brief.class_of(1, breaks) == 0 and brief.class_of(10, breaks) == 4
    assert brief.quantile_breaks([5, 5, 5]) == []
    assert brief.ranks({1: 10.0, 2: 30.0, 3: 30.0, 4: 5.0}) == {2: 1, 3: 1, 1: 3, 4: 4}
    assert brief.format_number(None) == "–"
    assert brief.format_number(191621.0) == "191,621"
    assert brief.sparkline({2000: 1.0}) == ""
