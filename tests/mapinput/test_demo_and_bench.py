"""The demo seeds marks inside each space's boundary, once; the bench hook builds its data once."""

import io

import pytest
from shapely.geometry import Point

from apps.mapinput import demo
from apps.mapinput.geometry import boundary_shape
from apps.mapinput.models import MapMark, MarkSettings

pytestmark = pytest.mark.django_db


def test_the_demo_puts_marks_inside_the_boundaries_and_is_idempotent(initiative):
    demo.seed(stdout=io.StringIO())
    count = MapMark.objects.count()
    assert count == demo.MARKS_PER_SPACE[0]
    row = MarkSettings.objects.get()
    shape = boundary_shape(row.effective_boundary())
    assert all(shape.covers(Point(lon, lat)) for lon, lat in MapMark.objects.values_list("lon", "lat"))
    assert row.categories.count() == 4
    demo.seed(stdout=io.StringIO())
    assert MapMark.objects.count() == count
    # Deterministic: the same points again after a fresh start.
    first = sorted(MapMark.objects.values_list("lon", "lat"))
    MapMark.objects.all().delete()
    demo.seed(stdout=io.StringIO())
    assert sorted(MapMark.objects.values_list("lon", "lat")) == first


def test_the_demo_gives_a_point_initiative_a_small_boundary(oslo, olga):
    from apps.initiatives.models import Initiative

    Initiative.objects.create(
        hub=oslo,
        slug="benk",
        title="Benk",
        owner=olga,
        place={"type": "Point", "coordinates": [10.7, 59.9]},
        lon=10.7,
        lat=59.9,
    )
    demo.seed(stdout=io.StringIO())
    row = MarkSettings.objects.get()
    assert row.boundary["type"] == "Polygon"
    assert MapMark.objects.count() > 100


def test_the_bench_hook_builds_its_space_once(client, monkeypatch):
    from bench import mapinput_bench

    monkeypatch.setattr(mapinput_bench, "MARKS", 600)
    lines = []
    paths = mapinput_bench.prepare(lines.append)
    assert MapMark.objects.count() == 600
    mapinput_bench.prepare(lines.append)
    assert MapMark.objects.count() == 600
    assert len(paths) == 3
    for path in paths:
        assert client.get(path).status_code == 200
    assert client.get(paths[0]).json()["mode"] == "clusters"
    assert client.get(paths[1]).json()["mode"] == "marks"
    assert "100,000" in mapinput_bench.markdown()
