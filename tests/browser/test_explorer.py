"""The explorer in a real browser: a visitor colours the map by an indicator and a year, reads
the legend, then plays with the bubble chart. No tiles are fetched (MAP_TILE_URL is empty in
the test settings): Leaflet draws only the areas."""

import pytest

from tests.browser.conftest import wait_until
from tests.factories import HubFactory
from tests.places.test_views import build_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_DATA_GREY = "#d4d4d4"


def _fills(page) -> list[str]:
    return page.eval_on_selector_all(
        "#explorer-map path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('fill'))"
    )


def test_a_visitor_colours_the_map_and_plays_the_bubble_chart(page, live_server):
    hub = HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE")
    build_dataset(hub, n=4, years=(2012, 2013, 2014), indicators=3)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )

    # The explorer: pick an indicator and a year with the GET form.
    page.goto("/sodertorn/areas/")
    page.get_by_role("link", name="Explore data").first.click()
    page.select_option("#explorer-indicator", "median_income")
    page.select_option("#explorer-level", "district")
    page.locator("#explorer-year").fill("2013")
    page.locator("#explorer-form button[type=submit]").click()
    page.wait_for_url("**indicator=median_income**")
    assert "year=2013" in page.url

    # The map is drawn, and coloured: four districts, different fills, none of them grey.
    page.wait_for_selector("#explorer-map[data-ready=true]")
    fills = _fills(page)
    assert len(fills) == 4
    assert NO_DATA_GREY not in fills
    assert len(set(fills)) > 1
    legend = page.locator(".map-legend")
    assert legend.is_visible()
    assert "SEK" in legend.inner_text()
    assert "No data" in legend.inner_text()
    # The table has the same numbers, highest first.
    first_row = page.locator("#explorer-table tbody tr").first
    assert "District 004" in first_row.inner_text()

    # Moving the year slider recolours the map live (values fetched for the new year).
    slider = page.locator("#explorer-year")
    slider.fill("2012")
    wait_until(page, "document.querySelector('#explorer-year-output').textContent.trim() === '2012'")
    wait_until(page, "document.querySelector('[data-explorer-year]').textContent.trim() === '2012'")

    # An indicator with no value for one district shows that district grey.
    page.goto("/sodertorn/knowledge/?indicator=green_access&level=district&year=2014")
    page.wait_for_selector("#explorer-map[data-ready=true]")
    fills = _fills(page)
    assert fills.count(NO_DATA_GREY) == 1

    # The bubble chart is drawn with a point per district.
    page.goto(
        "/sodertorn/knowledge/bubbles/?x=median_income&y=employment_rate&size=median_income&colour=green_access&level=district&year=2014"
    )
    page.wait_for_selector("#bubble-chart[data-ready=true]")
    count = page.evaluate("Chart.getChart(document.querySelector('canvas')).data.datasets[0].data.length")
    assert count == 4
    xs_2014 = page.evaluate(
        "Chart.getChart(document.querySelector('canvas')).data.datasets[0].data.map(p => p.x).sort()"
    )

    # Moving the year slider changes the data.
    page.locator("#bubble-year").fill("2012")
    wait_until(page, "document.querySelector('#bubble-year-output').textContent.trim() === '2012'")
    xs_2012 = page.evaluate(
        "Chart.getChart(document.querySelector('canvas')).data.datasets[0].data.map(p => p.x).sort()"
    )
    assert xs_2012 != xs_2014

    # The keyboard reaches the points, and the live region reads one out.
    page.locator("#bubble-canvas").focus()
    page.keyboard.press("End")
    wait_until(page, "document.querySelector('#bubble-live').textContent.includes('District 004')")
    assert "Median income" in page.locator("#bubble-live").text_content()

    # Play steps through the years.
    page.locator("#bubble-play").click()
    wait_until(
        page, "document.querySelector('#bubble-year-output').textContent.trim() === '2014'", timeout=10_000
    )

    assert outside == []
