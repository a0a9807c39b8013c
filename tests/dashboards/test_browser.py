"""In a real browser: the dashboard draws its charts from the numbers of its tables, and the
page fits a 320 px phone."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charts_are_drawn_and_the_page_fits_a_phone(page, world):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/oslo/dashboards/")
    expect(page.locator('canvas[data-dashboard-chart="status"]')).to_have_attribute("data-ready", "true")
    expect(page.locator('canvas[data-dashboard-chart="goals"]')).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("people-total")).to_have_text("8")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto("/oslo/dashboards/areas/0301-01/")
    expect(page.locator('canvas[data-dashboard-chart="areas"]')).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("initiative-total")).to_have_text("3")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
