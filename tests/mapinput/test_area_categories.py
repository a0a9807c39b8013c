"""Every area of a hub with map input switched on has its categories (issue 12.4)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEntry
from apps.mapinput import services
from apps.mapinput.models import MarkCategory, MarkSettings
from apps.participation.spaces import Space
from apps.places import demo as places_demo
from apps.places.models import Area

pytestmark = pytest.mark.django_db


def _hub_categories(hub, names):
    row = MarkSettings()
    row.set_space(Space(hub=hub))
    row.save()
    for i, name in enumerate(names):
        MarkCategory.objects.create(settings=row, name=name, colour="#15803d", position=i)
    return row


def test_a_hub_without_map_input_gets_nothing(oslo):
    places_demo.seed_oslo(oslo)
    assert services.area_categories_fill(hub=oslo) == 0
    assert not MarkSettings.objects.filter(hub=oslo).exists()


def test_every_area_gets_the_hubs_categories_once(oslo, sodertorn):
    places_demo.seed_oslo(oslo)
    _hub_categories(oslo, ["Safety", "Green"])
    # One district already has a category of its own: it keeps it.
    gamle = Area.objects.get(hub=oslo, name="Gamle Oslo")
    own = MarkSettings()
    own.set_space(Space(hub=oslo, area=gamle))
    own.save()
    MarkCategory.objects.create(settings=own, name="Benches", colour="#7c3aed")

    assert services.area_categories_fill(hub=oslo) == 15  # 16 areas, one with its own
    for area in Area.objects.filter(hub=oslo).exclude(pk=gamle.pk):
        names = list(
            MarkCategory.objects.filter(settings__space_key=f"a-{area.code}").values_list("name", flat=True)
        )
        assert names == ["Safety", "Green"], area.name
    assert list(own.categories.values_list("name", flat=True)) == ["Benches"]
    assert AuditEntry.objects.filter(hub=oslo, action="mapinput.area_categories").count() == 1
    # Idempotent, and the other hub is untouched.
    assert services.area_categories_fill(hub=oslo) == 0
    assert not MarkSettings.objects.filter(hub=sodertorn).exists()


def test_the_area_map_page_offers_the_categories(client, oslo):
    places_demo.seed_oslo(oslo)
    _hub_categories(oslo, ["Safety", "Green"])
    services.area_categories_fill(hub=oslo)
    page = client.get("/oslo/marks/a-030102/").content.decode()
    assert "Safety" in page and "Green" in page


def test_filling_costs_the_same_queries_for_more_areas(oslo, sodertorn):
    places_demo.seed_oslo(oslo)
    _hub_categories(oslo, ["Safety"])
    with CaptureQueriesContext(connection) as few:
        services.area_categories_fill(hub=oslo)
    places_demo.seed_oslo(sodertorn)  # the same 16 areas in another hub, for a second count
    _hub_categories(sodertorn, ["Safety"])
    level = Area.objects.filter(hub=sodertorn).first().level
    Area.objects.bulk_create(
        [Area(hub=sodertorn, level=level, code=f"x{i}", name=f"Extra {i}") for i in range(30)]
    )
    with CaptureQueriesContext(connection) as many:
        services.area_categories_fill(hub=sodertorn)
    assert len(many) == len(few)
