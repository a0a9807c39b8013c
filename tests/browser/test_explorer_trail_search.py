"""The explorer in a real browser (issue 12.5): a visitor finds an area by name (the table
narrows and the map outlines it) and traces an area through the years in the bubble chart."""

import pytest

from tests.browser.conftest import wait_until
from tests.factories import HubFactory
from tests.places.test_views import build_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRAILS = (
    "Chart.getChart(document.querySelector('#bubble-canvas')).data.datasets.filter(d => d.trailOf === 'D2')"
)


def test_a_visitor_finds_an_area_and_traces_it_over_the_years(page, live_server):
    hub = HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE")
    build_dataset(hub, n=4, years=(2012, 2013, 2014), indicators=3)

    # Find an area by name: the table narrows to it without a reload, the map outlines it.
    page.goto("/sodertorn/knowledge/?indicator=median_income&level=district")
    page.wait_for_selector("#explorer-map[data-ready=true]")
    page.locator("#explorer-q").fill("003")
    wait_until(page, "document.querySelectorAll('#explorer-table tbody tr').length === 1")
    assert "District 003" in page.locator("#explorer-table tbody tr").first.inner_text()
    assert "q=003" in page.url
    outlined = page.eval_on_selector_all(
        "#explorer-map path.leaflet-interactive",
        "paths => paths.filter(p => p.getAttribute('stroke-width') === '3').length",
    )
    assert outlined == 1

    # Trace an area in the bubble chart: a trail with one point per year up to the shown one.
    page.goto(
        "/sodertorn/knowledge/bubbles/?x=median_income&y=employment_rate&size=median_income&colour=green_access&level=district&year=2014"
    )
    page.wait_for_selector("#bubble-chart[data-ready=true]")
    page.locator("#bubble-trace").fill("District 002")
    wait_until(page, "document.querySelector('#bubble-chart').dataset.traced === 'D2'")
    trail = page.evaluate(TRAILS + ".map(d => d.data.map(p => p.year))")
    assert trail == [[2012, 2013, 2014]]
    # Back to 2012: the trail is as long as the years shown so far.
    page.locator("#bubble-year").fill("2012")
    wait_until(page, "document.querySelector('#bubble-year-output').textContent.trim() === '2012'")
    trail = page.evaluate(TRAILS + ".map(d => d.data.length)")
    assert trail == [1]
