"""A map whose tile server cannot be reached still shows the place: a scale, the hub's areas as
outlines, and one note that the background is missing (not one per failed tile)."""

import pytest

from tests.browser.conftest import wait_until
from tests.factories import HubFactory
from tests.places.test_views import build_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTLINE = "#6b7280"


def test_a_map_without_tiles_draws_outlines_and_says_so_once(page, live_server, settings):
    hub = HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE")
    build_dataset(hub, n=4, years=(2014,), indicators=1)
    # Every tile answers 404 from the test server: the tile server "cannot be reached".
    settings.MAP_TILE_URL = live_server.url + "/no-tiles/{z}/{x}/{y}.png"

    page.goto("/sodertorn/initiatives/map/")
    note = page.locator(".map-note--tiles")
    note.wait_for()
    assert note.count() == 1
    assert "could not be loaded" in note.inner_text()
    assert page.locator(".leaflet-control-scale").count() == 1
    wait_until(page, f"document.querySelectorAll('#initiative-map path[stroke=\"{OUTLINE}\"]').length >= 6")


def test_a_map_with_working_tiles_shows_no_note(page, live_server, settings):
    HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE")
    settings.MAP_TILE_URL = ""  # no tile layer at all: outlines only, by choice, nothing to report
    page.goto("/sodertorn/initiatives/map/")
    page.locator("#initiative-map.leaflet-container").wait_for()
    assert page.locator(".map-note--tiles").count() == 0
    assert page.locator(".leaflet-control-scale").count() == 1
