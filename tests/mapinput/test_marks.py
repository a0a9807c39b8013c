"""Placing marks: the boundary, geometry checks, kinds, anonymous input, rate limits, photos."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from apps.core.images import MAX_SIDE
from apps.mapinput.models import MapMark
from tests.files import huge_png, png_bytes
from tests.mapinput.conftest import LAT, LON

pytestmark = pytest.mark.django_db


def post(client, url, category, geometry=None, **extra):
    ip = extra.pop("ip", "192.0.2.10")
    data = {"category": category.pk, "kind": "point", "comment": extra.pop("comment", "Needs a bench")}
    if geometry is not None:
        data["geometry"] = json.dumps(geometry) if not isinstance(geometry, str) else geometry
    data.update(extra)
    return client.post(url, data, REMOTE_ADDR=ip)


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def test_a_point_inside_the_boundary_is_saved(client, mia, url, categories):
    client.force_login(mia)
    response = post(client, url, categories[0], point(LON, LAT))
    assert response.status_code == 302
    mark = MapMark.objects.get()
    assert (mark.kind, mark.lon, mark.lat, mark.author) == ("point", LON, LAT, mia)
    assert mark.initiative.slug == "gronn-gardsplass"
    assert mark.comment == "Needs a bench"


def test_the_no_js_fallback_takes_lon_and_lat(client, mia, url, categories):
    client.force_login(mia)
    response = client.post(
        url, {"category": categories[1].pk, "kind": "point", "lon": "10.751", "lat": "59.912"}
    )
    assert response.status_code == 302
    assert MapMark.objects.get().geometry == point(10.751, 59.912)


def test_a_point_outside_the_boundary_is_refused(client, mia, url, categories):
    client.force_login(mia)
    response = post(client, url, categories[0], point(LON + 0.5, LAT))
    assert response.status_code == 400
    assert "outside the area this map is about" in response.content.decode()
    assert not MapMark.objects.exists()


def test_a_line_crossing_the_boundary_is_refused(client, mia, url, categories):
    client.force_login(mia)
    line = {"type": "LineString", "coordinates": [[LON, LAT], [LON + 0.05, LAT]]}
    response = post(client, url, categories[0], line, kind="line")
    assert response.status_code == 400
    assert "Part of your mark is outside" in response.content.decode()
    assert not MapMark.objects.exists()


def test_a_line_and_an_area_inside_are_saved(client, mia, url, categories):
    client.force_login(mia)
    line = {"type": "LineString", "coordinates": [[LON - 0.002, LAT], [LON + 0.002, LAT + 0.001]]}
    area = {
        "type": "Polygon",
        "coordinates": [[[LON, LAT], [LON + 0.002, LAT], [LON + 0.002, LAT + 0.002], [LON, LAT]]],
    }
    assert post(client, url, categories[0], line, kind="line").status_code == 302
    assert post(client, url, categories[1], area, kind="area").status_code == 302
    kinds = dict(MapMark.objects.values_list("kind", "geometry__type"))
    assert kinds == {"line": "LineString", "area": "Polygon"}
    area_mark = MapMark.objects.get(kind="area")
    # The representative point is inside the area.
    assert LON < area_mark.lon < LON + 0.002 and LAT < area_mark.lat < LAT + 0.002


def test_a_self_intersecting_area_is_refused_clearly(client, mia, url, categories):
    client.force_login(mia)
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[LON, LAT], [LON + 0.002, LAT + 0.002], [LON + 0.002, LAT], [LON, LAT + 0.002], [LON, LAT]]
        ],
    }
    response = post(client, url, categories[0], bowtie, kind="area")
    assert response.status_code == 400
    assert "crosses itself" in response.content.decode()
    assert not MapMark.objects.exists()


def test_an_area_with_a_repeated_corner_is_repaired(client, mia, url, categories):
    client.force_login(mia)
    ring = [
        [LON, LAT],
        [LON + 0.002, LAT],
        [LON + 0.002, LAT],
        [LON + 0.002, LAT + 0.002],
        [LON, LAT + 0.002],
        [LON, LAT],
    ]
    response = post(client, url, categories[0], {"type": "Polygon", "coordinates": [ring]}, kind="area")
    assert response.status_code == 302
    assert MapMark.objects.get().geometry["type"] == "Polygon"


@pytest.mark.parametrize(
    "geometry",
    [
        "not json",
        "[" * 1000 + "]" * 1000,
        "[" * 100_000,
        {"type": "MultiPoint", "coordinates": [[LON, LAT]]},
        {"type": "Point", "coordinates": []},
        {"type": "Point", "coordinates": ["a", "b"]},
        {"type": "Point", "coordinates": [200, 95]},
        {"type": "LineString", "coordinates": [[LON, LAT], [LON, LAT]]},
        {"type": "LineString", "coordinates": [[LON, LAT]]},
        {"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.001, LAT], [LON, LAT]]]},
        {"type": "GeometryCollection", "geometries": []},
        ["not", "an", "object"],
    ],
)
def test_invalid_geometry_is_a_400_and_nothing_is_saved(client, mia, url, categories, geometry):
    client.force_login(mia)
    response = post(client, url, categories[0], geometry)
    assert response.status_code == 400
    assert not MapMark.objects.exists()


def test_a_kind_the_map_does_not_take_is_refused(client, mia, url, mark_settings, categories):
    mark_settings.allow_line = False
    mark_settings.save()
    client.force_login(mia)
    line = {"type": "LineString", "coordinates": [[LON - 0.002, LAT], [LON + 0.002, LAT]]}
    response = post(client, url, categories[0], line, kind="point")
    assert response.status_code == 400
    assert "does not take that kind of mark" in response.content.decode()
    assert not MapMark.objects.exists()


def test_a_category_of_another_space_is_refused(client, mia, url, categories, sodertorn):
    from apps.mapinput.models import MarkCategory, MarkSettings

    other = MarkSettings(hub=sodertorn)
    other.save()
    foreign = MarkCategory.objects.create(settings=other, name="Foreign")
    client.force_login(mia)
    response = post(client, url, foreign, point(LON, LAT))
    assert response.status_code == 400
    assert not MapMark.objects.exists()


def test_a_closed_map_takes_no_marks(client, mia, url, mark_settings, categories):
    from django.utils import timezone

    mark_settings.closes_at = timezone.now() - timezone.timedelta(days=1)
    mark_settings.save()
    client.force_login(mia)
    response = post(client, url, categories[0], point(LON, LAT))
    assert response.status_code == 400
    assert not MapMark.objects.exists()


def test_without_a_boundary_requirement_outside_is_fine(client, mia, url, mark_settings, categories):
    mark_settings.boundary_required = False
    mark_settings.save()
    client.force_login(mia)
    assert post(client, url, categories[0], point(LON + 0.5, LAT)).status_code == 302


def test_the_settings_own_boundary_applies_when_the_space_has_none(client, mia, oslo, olga):
    from apps.initiatives.models import Initiative
    from apps.mapinput.models import MarkCategory, MarkSettings
    from apps.participation.spaces import Space

    dot = Initiative.objects.create(
        hub=oslo, slug="benk", title="Benk", owner=olga, place=point(LON, LAT), lon=LON, lat=LAT
    )
    row = MarkSettings(
        boundary={
            "type": "Polygon",
            "coordinates": [
                [
                    [LON - 0.001, LAT - 0.001],
                    [LON + 0.001, LAT - 0.001],
                    [LON + 0.001, LAT + 0.001],
                    [LON - 0.001, LAT - 0.001],
                ]
            ],
        }
    )
    row.set_space(Space(hub=oslo, initiative=dot))
    row.save()
    category = MarkCategory.objects.create(settings=row, name="Green")
    client.force_login(mia)
    assert post(client, "/oslo/marks/i-benk/", category, point(LON + 0.01, LAT)).status_code == 400
    assert post(client, "/oslo/marks/i-benk/", category, point(LON + 0.0005, LAT - 0.0002)).status_code == 302


# Anonymous input and rate limits ---------------------------------------------------------


def test_anonymous_input_is_refused_when_switched_off(client, url, categories):
    response = post(client, url, categories[0], point(LON, LAT))
    assert response.status_code == 403
    assert not MapMark.objects.exists()
    assert "Sign in to place a mark" in client.get(url).content.decode()


def test_anonymous_input_is_saved_without_author_when_switched_on(client, url, mark_settings, categories):
    mark_settings.anonymous_allowed = True
    mark_settings.save()
    response = post(client, url, categories[0], point(LON, LAT))
    assert response.status_code == 302
    assert MapMark.objects.get().author is None


@override_settings(MAPINPUT_ANON_RATE="3/m,100/d")
def test_anonymous_input_is_rate_limited_per_address(client, url, mark_settings, categories):
    mark_settings.anonymous_allowed = True
    mark_settings.save()
    for _ in range(3):
        assert post(client, url, categories[0], point(LON, LAT)).status_code == 302
    response = post(client, url, categories[0], point(LON, LAT))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert MapMark.objects.count() == 3
    # Another address is not affected.
    assert (
        client.post(
            url,
            {"category": categories[0].pk, "kind": "point", "lon": LON, "lat": LAT},
            REMOTE_ADDR="198.51.100.7",
        ).status_code
        == 302
    )


@override_settings(MAPINPUT_ANON_RATE="2/m", MAPINPUT_USER_RATE="5/m")
def test_signed_in_people_have_a_higher_limit(client, mia, url, categories):
    client.force_login(mia)
    for _ in range(5):
        assert post(client, url, categories[0], point(LON, LAT)).status_code == 302
    assert post(client, url, categories[0], point(LON, LAT)).status_code == 429


def test_the_production_settings_limit_anonymous_input():
    from django.conf import settings

    assert settings.MAPINPUT_ANON_RATE
    assert settings.MAPINPUT_USER_RATE


# Photos ----------------------------------------------------------------------------------


def image_bytes(fmt="PNG", exif=False):
    buffer = io.BytesIO()
    image = Image.new("RGB", (4, 3), (200, 30, 30))
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # Make
        data[0x8825] = {1: "N", 2: (59.0, 54.0, 36.0)}  # GPS
        image.save(buffer, format=fmt, exif=data.tobytes())
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def test_a_real_png_is_accepted(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    photo = SimpleUploadedFile("tiny.png", image_bytes("PNG"), content_type="image/png")
    response = post(client, url, categories[0], point(LON, LAT), photo=photo)
    assert response.status_code == 302
    mark = MapMark.objects.get()
    assert mark.photo.name.endswith(".png")
    with Image.open(mark.photo.path) as saved:
        assert saved.format == "PNG"


def test_exif_is_stripped_from_a_jpeg(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    raw = image_bytes("JPEG", exif=True)
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif()  # the control: the upload has EXIF
    photo = SimpleUploadedFile("holiday.jpg", raw, content_type="image/jpeg")
    assert post(client, url, categories[0], point(LON, LAT), photo=photo).status_code == 302
    with Image.open(MapMark.objects.get().photo.path) as saved:
        assert not saved.getexif()
        path = saved.filename
    with open(path, "rb") as raw_file:
        assert b"SpyCam" not in raw_file.read()


def test_a_text_file_named_png_is_refused(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    photo = SimpleUploadedFile(
        "evil.png", b"<script>alert(1)</script> not an image", content_type="image/png"
    )
    response = post(client, url, categories[0], point(LON, LAT), photo=photo)
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()
    assert not MapMark.objects.exists()
    assert not list(tmp_path.rglob("*"))


def test_a_gif_is_refused(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    photo = SimpleUploadedFile("anim.gif", image_bytes("GIF"), content_type="image/gif")
    assert post(client, url, categories[0], point(LON, LAT), photo=photo).status_code == 400
    assert not MapMark.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_SIZE = 50
    client.force_login(mia)
    photo = SimpleUploadedFile("big.png", image_bytes("PNG") + b"\0" * 100, content_type="image/png")
    response = post(client, url, categories[0], point(LON, LAT), photo=photo)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not MapMark.objects.exists()


def test_a_photo_of_169_megapixels_is_refused_from_its_header(
    client, mia, url, categories, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    response = post(client, url, categories[0], point(LON, LAT), photo=huge_png("site.png"))
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    assert not MapMark.objects.exists()
    assert not list(tmp_path.rglob("*"))


def test_a_large_photo_is_stored_at_a_bounded_size(client, mia, url, categories, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mia)
    photo = SimpleUploadedFile("tall.png", png_bytes((1000, 5000)), content_type="image/png")
    assert post(client, url, categories[0], point(LON, LAT), photo=photo).status_code == 302
    with Image.open(MapMark.objects.get().photo.path) as saved:
        assert saved.size == (480, MAX_SIDE)


def test_deeply_nested_json_gets_a_clear_message_even_anonymously(client, url, categories, mark_settings):
    mark_settings.anonymous_allowed = True
    mark_settings.save()
    response = post(client, url, categories[0], "[" * 1000 + "]" * 1000)
    assert response.status_code == 400
    assert "The drawn shape could not be read. Draw it again." in response.content.decode()
    assert not MapMark.objects.exists()
