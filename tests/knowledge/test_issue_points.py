"""Issue 12.5 and 13.5: the explorer opens on an indicator and year with data, ranks and colours
follow "higher is better", shares show as per cent, areas are found by name, the bubble chart's
slider covers the years with data and traces areas; the brief shows the area on a map and
prints with source, licence and date on every page. Also the initiative's own brief."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.utils import translation

from apps.initiatives.models import Initiative
from apps.knowledge import brief
from apps.knowledge.models import Indicator, Observation
from tests.factories import UserFactory
from tests.places.test_views import build_dataset

pytestmark = pytest.mark.django_db

BUBBLES = {"x": "median_income", "y": "employment_rate", "size": "median_income", "colour": "green_access"}


@pytest.fixture
def world(sodertorn):
    return build_dataset(sodertorn)


def _one_year_indicator(hub, areas, code="a_new_measure", year=2015):
    """An indicator that sorts first in the menus but has a single year of values."""
    indicator = Indicator.objects.create(
        hub=hub, code=code, name_en="A new measure", category=Indicator.Category.ECOLOGICAL, unit="%"
    )
    Observation.objects.bulk_create(
        [Observation(indicator=indicator, area=a, year=year, value=100) for a in areas]
    )
    return indicator


def test_the_explorer_opens_on_an_indicator_with_several_years(client, world, sodertorn):
    _one_year_indicator(sodertorn, world["areas"])
    response = client.get("/sodertorn/knowledge/")
    assert response.status_code == 200
    assert response.context["indicator"].code == "green_access"  # three years, not the one-year one
    assert response.context["years"] == [2012, 2013, 2014]
    assert response.context["year"] == 2014
    html = response.content.decode()
    assert 'min="2012"' in html and 'max="2014"' in html
    # Chosen on purpose, the one-year indicator still shows (its slider is one year long).
    chosen = client.get("/sodertorn/knowledge/", {"indicator": "a_new_measure"})
    assert chosen.context["years"] == [2015]


def test_shares_are_shown_as_per_cent(client, world):
    share = world["indicators"][1]  # employment_rate
    share.unit = "share"
    share.save()
    Observation.objects.filter(indicator=share).update(value=0.76)
    with translation.override("en"):
        assert brief.format_value(0.76, share) == "76.0\u00a0%"
        assert brief.format_value(None, share) == "–"
        assert brief.display_unit(share) == "%"
    response = client.get("/sodertorn/knowledge/", {"indicator": "employment_rate", "level": "district"})
    html = response.content.decode()
    assert "76.0\u00a0%" in html and "0.760" not in html
    assert response.context["map_data"]["scale"] == 100.0
    assert [e["low"] for e in response.context["legend"]][:1] == ["76.0"]
    # The brief too, with changes of a share in percentage points.
    brief_html = client.get("/sodertorn/areas/D2/brief/").content.decode()
    assert "76.0\u00a0%" in brief_html and "0.760" not in brief_html


def test_lower_is_better_ranks_the_lowest_first_and_darkest(client, world):
    low_income = world["indicators"][0]  # median_income stands in for "low income"
    low_income.higher_is_better = False
    low_income.save()
    response = client.get("/sodertorn/knowledge/", {"indicator": "median_income", "level": "district"})
    rows = response.context["page"].object_list
    assert [r["area"].code for r in rows] == ["D1", "D2", "D3", "D4"]  # lowest first by default
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    colours = response.context["map_data"]["colours"]
    assert colours[0] == brief.PALETTE[-1]  # the lowest values get the darkest colour
    assert "lower is better" in response.content.decode().lower()
    # Higher is better (the default) keeps the highest first.
    low_income.higher_is_better = True
    low_income.save()
    rows = (
        client.get("/sodertorn/knowledge/", {"indicator": "median_income", "level": "district"})
        .context["page"]
        .object_list
    )
    assert rows[0]["area"].code == "D4" and rows[0]["rank"] == 1


def test_the_briefs_ranks_and_wording_follow_the_direction(world):
    area = world["areas"][0]  # D1: the lowest median income of its municipality
    low_income = world["indicators"][0]
    low_income.higher_is_better = False
    low_income.save()
    area.refresh_from_db()
    figures = {f["indicator"].code: f for f in brief.area_key_figures(area)}
    assert figures["median_income"]["rank"] == 1 and not figures["median_income"]["best_first"]
    assert figures["median_income"]["verdict"] == "worse"  # it rose, and lower is better


def test_search_finds_areas_by_name_in_the_explorer_and_the_area_list(client, world):
    response = client.get(
        "/sodertorn/knowledge/", {"indicator": "median_income", "level": "district", "q": "003"}
    )
    assert [r["area"].code for r in response.context["page"].object_list] == ["D3"]
    assert "1 area matches" in response.content.decode()
    listing = client.get("/sodertorn/areas/", {"q": "district 00"})
    codes = {a.code for a in listing.context["page"].object_list}
    assert codes == {"D1", "D2", "D3", "D4"}
    assert client.get("/sodertorn/areas/", {"q": "eastside"}).context["page"].paginator.count == 1
    assert client.get("/sodertorn/areas/", {"q": "nowhere"}).context["page"].paginator.count == 0


def test_the_bubble_slider_covers_the_years_with_data_for_both_axes(client, world, sodertorn):
    # Values of the colour indicator alone in 2010 do not stretch the slider.
    Observation.objects.create(indicator=world["indicators"][2], area=world["areas"][1], year=2010, value=1)
    data = json.loads(
        client.get("/sodertorn/knowledge/bubbles/data/", {**BUBBLES, "level": "district"}).content
    )
    assert data["years"] == [2012, 2013, 2014]
    page = client.get("/sodertorn/knowledge/bubbles/", {**BUBBLES, "level": "district"})
    assert page.context["years"] == [2012, 2013, 2014]


def test_trails_are_in_the_json_and_the_page(client, world):
    data = json.loads(
        client.get(
            "/sodertorn/knowledge/bubbles/data/", {**BUBBLES, "level": "district", "trace": "D2"}
        ).content
    )
    assert data["trails"] == {"D2": [[2012, 110.0, 210.0], [2013, 113.0, 213.0], [2014, 116.0, 216.0]]}
    page = client.get(
        "/sodertorn/knowledge/bubbles/", {**BUBBLES, "level": "district", "trace": "district 002"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "The trail of District 002" in html
    assert page.context["chart_data"]["trace"] == ["D2"]
    assert client.get("/sodertorn/knowledge/bubbles/", {**BUBBLES, "trace": "Atlantis"}).status_code == 400
    assert (
        client.get("/sodertorn/knowledge/bubbles/data/", {**BUBBLES, "trace": "Atlantis"}).status_code == 400
    )


def test_the_brief_shows_the_area_on_a_map_and_prints_with_source_and_date(client, world):
    html = client.get("/sodertorn/areas/D2/brief/").content.decode()
    assert 'class="brief-map__svg"' in html and 'class="brief-map__area"' in html
    assert html.count('class="brief-map__neighbour"') == 2  # D1 and D3
    footer = html.split('id="brief-footer"', 1)[1].split("</footer>", 1)[0]
    assert "Source: Tests" in footer
    assert "District 002" in footer and "made" in footer
    # Every printed page: source, licence and date in the page's bottom margin, page numbers.
    page_rule = html.split("@bottom-left {", 1)[1].split("}", 1)[0]
    assert "Source: Tests" in page_rule and "District 002" in page_rule and "made" in page_rule
    assert "counter(pages)" in html
    css = (Path(settings.BASE_DIR) / "allmenning" / "static" / "css" / "allmenning.css").read_text()
    printing = css.split("@media print {", 1)[1]
    assert "@page { size: A4;" in css
    assert "break-before: page" not in printing  # no page per section: as few pages as needed


def test_the_print_footer_cannot_break_out_of_its_css_string():
    assert brief.css_string('a"b\\c</style>') == "a\\22 b\\5c c\\3c /style\\3e "


def test_an_area_without_geometry_has_no_map(world):
    area = world["areas"][0]
    area.geometry = None
    assert brief.area_map_svg(area) is None


def test_an_initiative_has_a_brief_of_its_own(client, world, sodertorn, oslo):
    owner = UserFactory(email="owner@example.org")
    area = world["areas"][1]
    initiative = Initiative.objects.create(
        hub=sodertorn, slug="benches", title="Benches", owner=owner, area=area, lon=18.15, lat=59.05
    )
    response = client.get(f"/sodertorn/initiatives/{initiative.slug}/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Where it stands" in html and "The area&#x27;s key indicators" in html
    assert "Median income" in html and 'class="brief-map__area"' in html
    assert 'id="brief-footer"' in html
    # The detail page links to it; another hub has no such initiative.
    assert (
        f"/sodertorn/initiatives/{initiative.slug}/brief/"
        in client.get(initiative.get_absolute_url()).content.decode()
    )
    assert client.get(f"/oslo/initiatives/{initiative.slug}/brief/").status_code == 404


@override_settings(LANGUAGE_CODE="en")
def test_the_area_brief_gathers_initiatives_of_its_area(client, world, sodertorn):
    owner = UserFactory(email="owner2@example.org")
    Initiative.objects.create(
        hub=sodertorn, slug="by-point", title="Garden by point", owner=owner, lon=18.15, lat=59.05
    )
    html = client.get(f"/sodertorn/areas/{world['areas'][1].code}/brief/").content.decode()
    assert "Initiatives here" in html and "Garden by point" in html
    assert (
        "Garden by point"
        not in client.get(f"/sodertorn/areas/{world['areas'][3].code}/brief/").content.decode()
    )
