"""Fixtures for results: an Oslo initiative (olga owns it, tom is in its team) in an area with a
knowledge indicator that has data there, and another that has none; files go to a temporary folder."""

import io
from datetime import date

import pytest
from PIL import Image

from apps.initiatives.models import Initiative, TeamMember
from apps.knowledge.models import Indicator, Observation
from apps.places.models import Area, AreaLevel
from apps.results import services
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def level(oslo):
    return AreaLevel.objects.create(hub=oslo, slug="bydel", name="Bydel", depth=0)


@pytest.fixture
def gamle(oslo, level):
    return Area.objects.create(hub=oslo, level=level, code="030101", name="Gamle Oslo")


@pytest.fixture
def green(oslo, gamle):
    """Share of green space, with data for Gamle Oslo 2019–2023."""
    indicator = Indicator.objects.create(
        hub=oslo,
        code="green_share",
        name_en="Green space",
        name_nb="Grøntareal",
        category="ecological",
        unit="%",
    )
    for year, value in ((2019, 20.0), (2020, 21.5), (2021, 22.0), (2022, 23.0), (2023, 24.5)):
        Observation.objects.create(indicator=indicator, area=gamle, year=year, value=value)
    return indicator


@pytest.fixture
def empty_indicator(oslo):
    return Indicator.objects.create(hub=oslo, code="noise", name_en="Noise", category="ecological", unit="dB")


@pytest.fixture
def olga(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def tom(db):
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def benches(oslo, olga, tom, gamle):
    item = Initiative.objects.create(
        hub=oslo, slug="benker", title="Benker av gjenbrukt tre", owner=olga, area=gamle, status="completed"
    )
    TeamMember.objects.create(initiative=item, user=olga, role="owner")
    TeamMember.objects.create(initiative=item, user=tom, role="member")
    return item


@pytest.fixture
def own_result(oslo, benches, olga):
    return services.result_create(
        hub=oslo,
        initiative=benches,
        actor=olga,
        title="Tolv benker",
        indicator_name="Benker på plass",
        unit="stk",
        baseline="0",
        target="12",
        target_date=date(2026, 9, 1),
        publish=True,
    )


@pytest.fixture
def green_result(oslo, benches, olga, green):
    return services.result_create(
        hub=oslo,
        initiative=benches,
        actor=olga,
        title="Mer grønt",
        indicator=green,
        baseline="20",
        target="30",
        target_date=date(2030, 12, 31),
    )


def image_file(kind="PNG", size=(40, 30), name="photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, format=kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


def pdf_file(name="count.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
