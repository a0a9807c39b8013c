"""A mark's photo is kept in private storage and comes back through its own address, which
asks `mapinput.view_mark`: a shown mark's photo for anyone, a hidden mark's only for those who
moderate the map (the hub's leads, the initiative's team); for everyone else a hidden mark does
not exist (404, as on the map and in the API)."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from apps.mapinput import services
from apps.mapinput.models import MapMark
from tests.mapinput.conftest import LAT, LON
from tests.private_files import assert_not_public, assert_served_inline


@pytest.fixture
def mark(mark_settings, categories):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    row = MapMark(
        settings=mark_settings,
        category=categories[0],
        kind="point",
        geometry={"type": "Point", "coordinates": [LON, LAT]},
        lon=LON,
        lat=LAT,
    )
    row.set_space(mark_settings.space)
    row.photo.save("bench.png", ContentFile(buffer.getvalue()), save=False)
    row.save()
    return row


def address(mark):
    return f"/oslo/marks/i-{mark.initiative.slug}/{mark.pk}/photo/"


def test_a_shown_marks_photo_is_public(client, mark, sven):
    assert_served_inline(client.get(address(mark)), mark.photo, public=True)
    client.force_login(sven)
    assert_served_inline(client.get(address(mark)), mark.photo, public=True)


def test_a_hidden_marks_photo_is_for_its_moderators(client, mark, olga, stella):
    services.mark_hide(mark=mark, actor=stella, reason="Shows a face")
    for who in (olga, stella):
        client.force_login(who)
        assert_served_inline(client.get(address(mark)), mark.photo, public=False)


def test_a_hidden_marks_photo_does_not_exist_for_everyone_else(client, mark, stella, mia, vic, sven):
    services.mark_hide(mark=mark, actor=stella, reason="Shows a face")
    assert client.get(address(mark)).status_code == 404  # anonymous
    for who in (mia, vic, sven):
        client.force_login(who)
        assert client.get(address(mark)).status_code == 404, who


def test_a_photo_is_found_only_in_its_own_space(client, mark, categories):
    assert client.get(f"/oslo/marks/hub/{mark.pk}/photo/").status_code == 404
    assert client.get(f"/sodertorn/marks/i-{mark.initiative.slug}/{mark.pk}/photo/").status_code == 404
    bare = MapMark.objects.create(
        settings=mark.settings,
        hub=mark.hub,
        initiative=mark.initiative,
        category=categories[0],
        kind="point",
        geometry=mark.geometry,
        lon=LON,
        lat=LAT,
    )
    assert client.get(address(bare)).status_code == 404  # no photo


def test_the_photo_is_not_reachable_under_media_and_the_page_and_api_link_its_address(
    client, mark, url, api_url
):
    assert_not_public(client, mark.photo)
    page = client.get(url).content.decode()
    assert address(mark) in page and "/media/" not in page
    features = client.get(api_url, {"zoom": 18}).json()["features"]
    assert [f["properties"]["photo"] for f in features] == [address(mark)]
