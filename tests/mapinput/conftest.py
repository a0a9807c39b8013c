"""Map input fixtures: an Oslo initiative "Grønn gårdsplass" with a square boundary around
(10.75, 59.91), owned by olga, whose map takes points, lines and areas in four categories."""

import pytest

from apps.initiatives.models import Initiative
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation.spaces import Space
from tests.factories import MembershipFactory, UserFactory

LON, LAT = 10.75, 59.91
D = 0.01
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[LON - D, LAT - D], [LON + D, LAT - D], [LON + D, LAT + D], [LON - D, LAT + D], [LON - D, LAT - D]]
    ],
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Photos and images go to a temporary folder (private storage, like every upload)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def olga(oslo):
    """The initiative's owner: an ordinary Oslo member otherwise."""
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def initiative(oslo, olga):
    return Initiative.objects.create(
        hub=oslo,
        slug="gronn-gardsplass",
        title="Grønn gårdsplass",
        owner=olga,
        place=SQUARE,
        lon=LON,
        lat=LAT,
    )


@pytest.fixture
def space(oslo, initiative):
    return Space(hub=oslo, initiative=initiative)


@pytest.fixture
def mark_settings(space):
    row = MarkSettings(allow_point=True, allow_line=True, allow_area=True, boundary_required=True)
    row.set_space(space)
    row.save()
    for i, (name, colour) in enumerate(
        [("Safety", "#c2410c"), ("Green", "#15803d"), ("Meeting place", "#7c3aed"), ("Traffic", "#1d4ed8")]
    ):
        MarkCategory.objects.create(settings=row, name=name, colour=colour, position=i)
    return row


@pytest.fixture
def categories(mark_settings):
    return list(mark_settings.categories.order_by("position"))


@pytest.fixture
def url(oslo, initiative):
    return f"/oslo/marks/i-{initiative.slug}/"


@pytest.fixture
def api_url(oslo, initiative):
    return f"/api/v1/hubs/oslo/spaces/i-{initiative.slug}/marks"


def add_marks(
    settings: MarkSettings, points: list[tuple[float, float]], categories: list[MarkCategory], **kw
):
    marks = []
    for i, (lon, lat) in enumerate(points):
        mark = MapMark(
            settings=settings,
            category=categories[i % len(categories)],
            kind="point",
            geometry={"type": "Point", "coordinates": [lon, lat]},
            lon=lon,
            lat=lat,
            comment=kw.get("comment", f"mark {i}"),
        )
        mark.set_space(settings.space)
        marks.append(mark)
    return MapMark.objects.bulk_create(marks)
