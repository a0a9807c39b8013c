"""In a real browser: a steward draws the hub's area by clicking its corners, previews it on a
map and saves it; then uploads a GeoJSON file instead. The pages hold on a 320 px screen."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from apps.places.models import Area
from tests.establishment.conftest import OSLO_AREA
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()
    # Signed in: the header carries the sign-out form (in the menu on a narrow window).
    expect(page.locator("header form[action='/accounts/logout/']").first).to_be_attached()


def test_draw_preview_save_then_upload(page, run, stella):
    EmailAddress.objects.create(user=stella, email=stella.email, verified=True, primary=True)
    page.set_viewport_size({"width": 320, "height": 900})
    sign_in(page, stella.email)

    page.goto("/oslo/establishment/area/")
    board = page.locator("#area-draw-map")
    expect(board).to_have_attribute("data-ready", "true")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    cx, cy = box["width"] / 2, box["height"] / 2
    for dx, dy in ((-60, -40), (60, -40), (60, 40), (-60, 40)):
        board.click(position={"x": cx + dx, "y": cy + dy})
        page.wait_for_timeout(350)  # apart, so that Leaflet sees clicks, not a double click
    expect(page.locator("#area-draw-status")).to_contain_text("An area is drawn")
    drawn = json.loads(page.locator("#area-geometry").input_value())
    assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Preview the area").click()

    expect(page.get_by_role("heading", name="Preview the area")).to_be_visible()
    expect(page.locator("#area-preview-map")).to_have_attribute("data-ready", "true")
    expect(page.locator("#area-summary")).to_contain_text("4 corners")
    assert not Area.objects.exists()
    page.get_by_label("Name of the area").fill("Tegnet område")
    page.get_by_role("button", name="Save the area").click()
    expect(page.get_by_text("1 area drawn")).to_be_visible()
    assert Area.objects.get(code="hub-area").name == "Tegnet område"

    page.goto("/oslo/establishment/area/")
    page.set_input_files(
        "#area-file",
        {
            "name": "sentrum.geojson",
            "mimeType": "application/geo+json",
            "buffer": json.dumps(OSLO_AREA).encode(),
        },
    )
    page.get_by_role("button", name="Preview the area").click()
    expect(page.get_by_text("This replaces the hub's area saved before.")).to_be_visible()
    page.get_by_role("button", name="Save the area").click()
    expect(page.get_by_text("1 area drawn")).to_be_visible()
    assert Area.objects.get(code="hub-area").geometry == OSLO_AREA
