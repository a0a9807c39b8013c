"""Fixtures for initiatives: an Oslo initiative owned by olga (a visitor with no membership),
with lena as project lead and tom as team member; images and files go to a temporary folder;
Södertörn-like areas for place tests."""

import io

import pytest
from PIL import Image

from apps.initiatives import services
from apps.initiatives.models import TeamMember
from apps.places.models import Area, AreaLevel
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def olga(db):
    return UserFactory(email="olga@example.org", name="Olga Owner")


@pytest.fixture
def lena(db):
    return UserFactory(email="lena@example.org", name="Lena Lead")


@pytest.fixture
def tom(db):
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def initiative(oslo, olga, lena, tom):
    item = services.initiative_submit(
        hub=oslo,
        actor=olga,
        title="Grønn gårdsplass",
        summary="A green courtyard",
        description="**Plants** instead of asphalt",
        place={"type": "Point", "coordinates": [10.77, 59.91]},
    )
    TeamMember.objects.create(initiative=item, user=lena, role="lead")
    TeamMember.objects.create(initiative=item, user=tom, role="member")
    return item


def square(lon, lat, d=0.01):
    ring = [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def areas(sodertorn):
    """Two neighbouring municipalities in Södertörn: Botkyrka (17.8–17.9) and Huddinge (17.9–18.0)."""
    level = AreaLevel.objects.create(hub=sodertorn, slug="kommun", name="Kommun", depth=0)
    result = {}
    for code, name, lon in (("0127", "Botkyrka", 17.85), ("0126", "Huddinge", 17.95)):
        result[code] = Area.objects.create(
            hub=sodertorn,
            level=level,
            code=code,
            name=name,
            geometry=square(lon, 59.25, 0.05),
            min_lon=lon - 0.05,
            max_lon=lon + 0.05,
            min_lat=59.20,
            max_lat=59.30,
        )
    return result


def png_bytes(size=(4, 3), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 80)).save(buffer, format=fmt)
    return buffer.getvalue()
