"""The clustered map at any bbox and zoom: the counted cells (MarkCell, kept by database
triggers) equal the marks through inserts, moves, hiding and deletes; the clusters add up to
the marks in the cells they cover; the answer stays small for a world bbox at zoom 20; bad
parameters are a 4xx."""

import json
import random

import pytest
from django.db.models import Sum

from apps.mapinput import selectors
from apps.mapinput.models import MapMark, MarkCell
from apps.places import grid
from tests.mapinput.conftest import LAT, LON, add_marks

pytestmark = pytest.mark.django_db


def spread(n, seed=3, d=0.009):
    rng = random.Random(seed)
    return [
        (round(rng.uniform(LON - d, LON + d), 6), round(rng.uniform(LAT - d, LAT + d), 6)) for _ in range(n)
    ]


def recount(settings):
    """What the cells should hold, counted from the marks in Python: {(zoom, cx, cy, category): n}."""
    expected = {}
    for m in MapMark.objects.filter(settings=settings, hidden=False):
        for zoom in range(grid.PYRAMID_MAX + 1):
            key = (zoom, *grid.cell_of(m.lon, m.lat, zoom), m.category_id)
            expected[key] = expected.get(key, 0) + 1
    return expected


def stored(settings):
    return {
        (c.zoom, c.cx, c.cy, c.category_id): c.n for c in MarkCell.objects.filter(settings=settings, n__gt=0)
    }


def test_the_cells_follow_every_change_of_the_marks(mark_settings, categories):
    marks = add_marks(mark_settings, spread(30), categories)
    assert stored(mark_settings) == recount(mark_settings)
    moved = marks[0]
    moved.lon, moved.lat = LON + 0.5, LAT - 0.3
    moved.save()
    marks[1].hidden = True
    marks[1].save()
    marks[2].category = categories[-1] if marks[2].category_id != categories[-1].pk else categories[0]
    marks[2].save()
    marks[3].delete()
    MapMark.objects.filter(pk__in=[m.pk for m in marks[4:8]]).update(hidden=True)  # bulk, past save()
    MapMark.objects.filter(pk=marks[4].pk).update(hidden=False)
    MapMark.objects.filter(pk__in=[m.pk for m in marks[20:]]).delete()
    assert stored(mark_settings) == recount(mark_settings)
    totals = MarkCell.objects.filter(settings=mark_settings, zoom=7).aggregate(n=Sum("n"), lon=Sum("slon"))
    visible = MapMark.objects.filter(settings=mark_settings, hidden=False)
    assert totals["n"] == visible.count()
    assert totals["lon"] == pytest.approx(sum(m.lon for m in visible))


@pytest.mark.parametrize("zoom", [3, 9, 12, 14, 15])
def test_clusters_add_up_to_the_marks_in_the_cells_they_cover(mark_settings, categories, zoom):
    add_marks(mark_settings, spread(900) + spread(300, seed=9, d=0.2), categories)
    box = (LON - 0.004, LAT - 0.006, LON + 0.05, LAT + 0.003)
    layer = selectors.mark_layer(settings=mark_settings, bbox=box, zoom=zoom)
    assert layer.mode == "clusters" and layer.zoom == zoom
    min_lon, min_lat, max_lon, max_lat = layer.bbox
    assert min_lon <= box[0] and min_lat <= box[1] and max_lon >= box[2] and max_lat >= box[3]
    inside = MapMark.objects.filter(
        settings=mark_settings, lon__gte=min_lon, lon__lt=max_lon, lat__gte=min_lat, lat__lt=max_lat
    ).count()
    assert sum(c.count for c in layer.clusters) == layer.total == inside
    for c in layer.clusters:
        assert sum(c.by_category.values()) == c.count
        assert min_lon <= c.lon <= max_lon and min_lat <= c.lat <= max_lat


def test_beyond_the_counted_levels_the_marks_are_grouped_exactly_in_the_bbox(mark_settings, categories):
    add_marks(mark_settings, spread(700, d=0.001), categories)
    box = (LON - 0.0008, LAT - 0.0008, LON + 0.0005, LAT + 0.0009)
    layer = selectors.mark_layer(settings=mark_settings, bbox=box, zoom=18)
    inside = MapMark.objects.filter(
        settings=mark_settings, lon__gte=box[0], lon__lte=box[2], lat__gte=box[1], lat__lte=box[3]
    ).count()
    assert inside > selectors.MAX_SINGLES
    assert layer.mode == "clusters" and layer.zoom == 18
    assert sum(c.count for c in layer.clusters) == layer.total == inside


def test_the_clusters_are_the_cells_python_computes(mark_settings, categories):
    marks = add_marks(mark_settings, spread(800, d=0.3), categories)
    box = (LON - 0.4, LAT - 0.4, LON + 0.4, LAT + 0.4)
    layer = selectors.mark_layer(settings=mark_settings, bbox=box, zoom=10)
    assert layer.zoom == 10
    by_cell = {}
    for m in marks:
        key = grid.cell_of(m.lon, m.lat, 10)
        by_cell[key] = by_cell.get(key, 0) + 1
    assert sorted(c.count for c in layer.clusters) == sorted(by_cell.values())


def test_a_world_bbox_at_zoom_20_is_a_small_bounded_answer(client, api_url, mark_settings, categories):
    add_marks(mark_settings, spread(2000, d=0.5) + spread(600, seed=5, d=25), categories)
    response = client.get(api_url, {"bbox": "-180,-90,180,90", "zoom": 20})
    assert response.status_code == 200
    data = response.json()
    assert data["mode"] == "clusters" and data["total"] == 2600
    assert data["cluster_zoom"] < 20 and len(data["features"]) <= grid.MAX_CLUSTERS
    assert sum(f["properties"]["count"] for f in data["features"]) == 2600
    assert len(response.content) < 100_000
    x0, y0, x1, y1 = grid.cell_range((-180, -90, 180, 90), data["cluster_zoom"])
    assert (x1 - x0 + 1) * (y1 - y0 + 1) <= grid.MAX_GRID


def test_too_many_clusters_are_merged_into_coarser_ones(mark_settings, categories):
    rng = random.Random(1)
    points = [(round(rng.uniform(5, 25), 5), round(rng.uniform(55, 70), 5)) for _ in range(3000)]
    add_marks(mark_settings, points, categories)
    layer = selectors.mark_layer(settings=mark_settings, bbox=(5, 55, 25, 70), zoom=9)
    assert layer.mode == "clusters" and len(layer.clusters) <= grid.MAX_CLUSTERS
    assert layer.zoom is not None and layer.zoom < 9
    assert sum(c.count for c in layer.clusters) == 3000


def test_a_heat_grid_for_the_whole_world_is_bounded(client, api_url, mark_settings, categories):
    add_marks(mark_settings, spread(400, d=2), categories)
    response = client.get(api_url, {"bbox": "-180,-90,180,90", "zoom": 22, "format": "heat"})
    data = response.json()
    assert data["total"] == 400 and len(data["cells"]) <= grid.MAX_GRID
    assert len(json.dumps(data)) < 100_000


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "-181,0,10,10", "zoom": 5},
        {"bbox": "0,-91,10,10", "zoom": 5},
        {"bbox": "0,0,nan,10", "zoom": 5},
        {"bbox": "0,0,inf,10", "zoom": 5},
        {"bbox": "10,0,0,10", "zoom": 5},
        {"zoom": -1},
        {"zoom": 23},
        {"zoom": "x"},
    ],
)
def test_a_bad_bbox_or_zoom_is_a_4xx(client, api_url, mark_settings, params):
    assert client.get(api_url, params).status_code in (400, 422)
