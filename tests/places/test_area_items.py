"""An area's page lists what lies in it and in the areas below it, by geometry as well as by
field (issue 12.4), with Oslo's districts from the demo data; queries stay constant."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.events.models import Event
from apps.initiatives.models import Initiative
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation.models import Idea
from apps.participation.spaces import Space
from apps.places import demo as places_demo
from apps.places import selectors
from apps.places.models import Area
from apps.surveys.models import Status as SurveyStatus
from apps.surveys.models import Survey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Inside Gamle Oslo (the demo's drawn outlines), and inside Frogner.
GAMLE_OSLO_POINT = (10.7790, 59.9060)
FROGNER_POINT = (10.7000, 59.9180)


@pytest.fixture
def districts(oslo):
    places_demo.seed_oslo(oslo)
    return {a.name: a for a in Area.objects.filter(hub=oslo)}


@pytest.fixture
def owner(oslo):
    return UserFactory(email="owner@example.org")


def _initiative(hub, owner, slug, point=None, area=None):
    lon, lat = point if point else (None, None)
    return Initiative.objects.create(
        hub=hub, slug=slug, title=slug.replace("-", " ").title(), owner=owner, lon=lon, lat=lat, area=area
    )


def _event(hub, title, point=None, **space):
    start = timezone.now() + timedelta(days=3)
    lon, lat = point if point else (None, None)
    return Event.objects.create(
        hub=hub, title=title, starts_at=start, ends_at=start + timedelta(hours=2), lon=lon, lat=lat, **space
    )


def _mark(space, point, comment="A bench is missing here"):
    row = MarkSettings.objects.filter(space_key=space.key).first()
    if row is None:
        row = MarkSettings()
        row.set_space(space)
        row.save()
    category, _ = MarkCategory.objects.get_or_create(settings=row, name="Green")
    mark = MapMark(
        settings=row,
        category=category,
        kind="point",
        geometry={"type": "Point", "coordinates": list(point)},
        lon=point[0],
        lat=point[1],
        comment=comment,
    )
    mark.set_space(space)
    mark.save()
    return mark


def test_oslo_demo_has_fifteen_districts_under_the_municipality(oslo, districts):
    oslo_area = districts["Oslo"]
    children = Area.objects.filter(hub=oslo, parent=oslo_area)
    assert children.count() == 15
    assert {"Gamle Oslo", "Søndre Nordstrand", "Østensjø", "Grünerløkka"} <= {a.name for a in children}
    assert districts["Gamle Oslo"].neighbours.filter(name="Grünerløkka").exists()
    # Idempotent: a second run creates and changes nothing.
    assert places_demo.seed_oslo(oslo) == (0, 0)


def test_scope_takes_the_area_and_every_area_below_it(districts):
    scope = selectors.AreaScope(districts["Oslo"])
    assert scope.area_ids == {a.pk for a in districts.values()}
    district = selectors.AreaScope(districts["Gamle Oslo"])
    assert district.area_ids == {districts["Gamle Oslo"].pk}
    assert district.covers(*GAMLE_OSLO_POINT)
    assert not district.covers(*FROGNER_POINT)


def test_area_page_gathers_by_geometry_and_by_field(client, oslo, sodertorn, districts, owner):
    gamle = districts["Gamle Oslo"]
    by_point = _initiative(oslo, owner, "benches-by-point", point=GAMLE_OSLO_POINT)  # no area field
    by_field = _initiative(oslo, owner, "garden-by-field", area=gamle)  # no point
    elsewhere = _initiative(oslo, owner, "frogner-park", point=FROGNER_POINT)
    other_hub = _initiative(sodertorn, owner, "same-point-other-hub", point=GAMLE_OSLO_POINT)
    Idea.objects.create(hub=oslo, initiative=by_point, author=owner, title="Shade over the benches", body="x")
    Idea.objects.create(hub=oslo, initiative=elsewhere, author=owner, title="Idea in Frogner", body="x")
    _event(oslo, "Workshop at Tøyen", point=GAMLE_OSLO_POINT)
    _event(oslo, "Frogner meeting", point=FROGNER_POINT)
    Survey.objects.create(hub=oslo, area=gamle, title="How do you use the square?", status=SurveyStatus.OPEN)
    Survey.objects.create(hub=oslo, area=gamle, title="Draft survey", status=SurveyStatus.DRAFT)
    _mark(Space(hub=oslo, initiative=elsewhere), GAMLE_OSLO_POINT, comment="Dark underpass")

    page = client.get(f"/oslo/areas/{gamle.code}/").content.decode()
    for shown in (
        by_point.title,
        by_field.title,
        "Shade over the benches",
        "Workshop at Tøyen",
        "How do you use the square?",
        "Dark underpass",
    ):
        assert shown in page, shown
    for hidden in (elsewhere.title, other_hub.title, "Idea in Frogner", "Frogner meeting", "Draft survey"):
        assert hidden not in page, hidden

    # The municipality's page holds everything in its districts (child areas, by geometry).
    parent_page = client.get(f"/oslo/areas/{districts['Oslo'].code}/").content.decode()
    for shown in (by_point.title, by_field.title, elsewhere.title, "Frogner meeting", "Idea in Frogner"):
        assert shown in parent_page, shown
    assert other_hub.title not in parent_page


def _grow(hub, owner, gamle, start, count):
    for i in range(start, start + count):
        point = (GAMLE_OSLO_POINT[0] + i * 0.0001, GAMLE_OSLO_POINT[1])
        initiative = _initiative(hub, owner, f"initiative-{i}", point=point)
        Idea.objects.create(hub=hub, initiative=initiative, author=owner, title=f"Idea {i}", body="x")
        _event(hub, f"Event {i}", point=point)
        Survey.objects.create(hub=hub, area=gamle, title=f"Survey {i}", status=SurveyStatus.OPEN)
        _mark(Space(hub=hub, area=gamle), point, comment=f"Mark {i}")


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_area_page_queries_stay_constant(client, oslo, districts, owner):
    gamle = districts["Gamle Oslo"]
    _grow(oslo, owner, gamle, 0, 3)
    for n, path in enumerate((f"/oslo/areas/{gamle.code}/", "/oslo/areas/0301/")):
        first = _queries(client, path)
        _grow(oslo, owner, gamle, 100 * (n + 1), 9)
        assert _queries(client, path) == first, path
