"""The marks endpoint: clusters grouped in SQL that add up, single marks when zoomed in or few,
the heat grid, escaping, hidden marks, other hubs, and constant query counts."""

import json
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.mapinput import selectors
from tests.mapinput.conftest import LAT, LON, add_marks

pytestmark = pytest.mark.django_db

BBOX = f"{LON - 0.01},{LAT - 0.01},{LON + 0.01},{LAT + 0.01}"


def spread(n, seed=1, lon=LON, lat=LAT, d=0.009):
    rng = random.Random(seed)
    return [
        (round(rng.uniform(lon - d, lon + d), 6), round(rng.uniform(lat - d, lat + d), 6)) for _ in range(n)
    ]


@pytest.fixture
def many(mark_settings, categories):
    """1,200 marks: more than the single-mark limit (500)."""
    return add_marks(mark_settings, spread(1200), categories)


def test_clusters_add_up_to_the_marks_in_the_bbox(client, api_url, many, categories):
    response = client.get(api_url, {"bbox": BBOX, "zoom": 12})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["mode"] == "clusters"
    features = data["features"]
    assert all(f["properties"]["cluster"] for f in features)
    assert sum(f["properties"]["count"] for f in features) == 1200 == data["total"]
    for f in features:
        assert sum(f["properties"]["categories"].values()) == f["properties"]["count"]
        assert f["geometry"]["type"] == "Point"
    per_category = {}
    for f in features:
        for key, n in f["properties"]["categories"].items():
            per_category[key] = per_category.get(key, 0) + n
    assert per_category == {str(c.pk): 300 for c in categories}


def test_clusters_count_only_the_marks_in_the_cells_a_smaller_bbox_touches(client, api_url, many):
    box = (LON - 0.009, LAT - 0.009, LON + 0.001, LAT + 0.009)
    data = client.get(api_url, {"bbox": ",".join(map(str, box)), "zoom": 13}).json()
    assert data["mode"] == "clusters"
    covered = data["bbox"]  # whole grid cells: at least the bbox, less than everything
    assert covered[0] <= box[0] and covered[2] >= box[2] and covered[2] < LON + 0.009
    inside = sum(1 for m in many if covered[0] <= m.lon < covered[2] and covered[1] <= m.lat < covered[3])
    assert 500 < inside < 1200
    assert sum(f["properties"]["count"] for f in data["features"]) == inside == data["total"]


def test_a_cluster_at_a_coarse_zoom_holds_everything(client, api_url, many):
    data = client.get(api_url, {"bbox": BBOX, "zoom": 4}).json()
    assert len(data["features"]) <= 2  # one grid cell, unless the square straddles a cell border
    assert sum(f["properties"]["count"] for f in data["features"]) == 1200


def test_grid_cells_are_computed_the_same_way_as_python_would(mark_settings, categories):
    add_marks(mark_settings, [(10.7401, 59.9101), (10.7402, 59.9102), (10.80, 59.95)] * 200, categories)
    layer = selectors.mark_layer(settings=mark_settings, bbox=None, zoom=10)
    assert layer.mode == "clusters"
    counts = sorted(c.count for c in layer.clusters)
    assert counts == [200, 400]


def test_zoomed_in_far_the_marks_come_one_by_one(client, api_url, many):
    box = f"{LON - 0.003},{LAT - 0.003},{LON + 0.003},{LAT + 0.003}"
    data = client.get(api_url, {"bbox": box, "zoom": 16}).json()
    assert data["mode"] == "marks"
    assert data["features"] and not any(f["properties"]["cluster"] for f in data["features"])
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert {"category", "category_name", "colour", "comment", "photo", "kind"} <= set(feature["properties"])


def test_few_marks_come_one_by_one_even_zoomed_out(client, api_url, mark_settings, categories):
    add_marks(mark_settings, spread(40), categories)
    data = client.get(api_url, {"bbox": BBOX, "zoom": 5}).json()
    assert data["mode"] == "marks" and len(data["features"]) == 40


def test_hidden_marks_are_left_out(client, api_url, mark_settings, categories):
    marks = add_marks(mark_settings, spread(10), categories)
    marks[0].hidden = True
    marks[0].save()
    data = client.get(api_url, {"zoom": 12}).json()
    assert data["total"] == 9
    assert marks[0].pk not in [f["id"] for f in data["features"]]


def test_the_heat_grid_adds_up(client, api_url, many):
    response = client.get(api_url, {"bbox": BBOX, "zoom": 13, "format": "heat"})
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "HeatGrid"
    assert sum(c[2] for c in data["cells"]) == 1200 == data["total"]
    assert data["max"] == max(c[2] for c in data["cells"])
    dlon, dlat = data["cell"]
    for x, y, _n in data["cells"][:20]:
        lon0, lat0 = data["origin"]
        assert LON - 0.02 < lon0 + x * dlon < LON + 0.02 and LAT - 0.02 < lat0 + y * dlat < LAT + 0.02


def test_a_comment_with_html_is_inert_in_the_geojson(client, api_url, mark_settings, categories):
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    add_marks(mark_settings, [(LON, LAT)], categories, comment=evil)
    response = client.get(api_url, {"zoom": 16})
    body = response.content.decode()
    assert "<script" not in body and "<img" not in body
    assert response.json()["features"][0]["properties"]["comment"] == evil  # the text itself is intact


@pytest.mark.parametrize(
    "params",
    [{"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "10,60,9,59"}, {"zoom": 40}, {"format": "csv"}],
)
def test_bad_parameters_are_a_400(client, api_url, mark_settings, params):
    assert client.get(api_url, params).status_code in (400, 422)


def test_another_hubs_space_is_unreachable(client, initiative, sodertorn, mark_settings):
    assert client.get(f"/api/v1/hubs/sodertorn/spaces/i-{initiative.slug}/marks").status_code == 404
    assert client.get(f"/sodertorn/marks/i-{initiative.slug}/").status_code == 404
    assert client.get("/oslo/marks/i-nothing-here/").status_code == 404
    assert client.get("/oslo/marks/x-what/").status_code == 404


def test_an_unconfigured_space_answers_empty(client, oslo):
    data = client.get("/api/v1/hubs/oslo/spaces/hub/marks", {"zoom": 10}).json()
    assert data["features"] == [] and data["total"] == 0


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [{"bbox": BBOX, "zoom": 12}, {"bbox": BBOX, "zoom": 17}, {"bbox": BBOX, "zoom": 12, "format": "heat"}],
)
def test_the_marks_endpoint_makes_the_same_queries_for_n_and_3n(
    client, api_url, mark_settings, categories, params
):
    add_marks(mark_settings, spread(600, seed=2), categories)
    few = _queries(client, api_url, params)
    add_marks(mark_settings, spread(1200, seed=3), categories)
    many = _queries(client, api_url, params)
    assert few == many <= 6


def test_the_marks_endpoint_makes_at_most_six_queries_when_few(client, api_url, mark_settings, categories):
    add_marks(mark_settings, spread(30, seed=2), categories)
    assert _queries(client, api_url, {"bbox": BBOX, "zoom": 12}) <= 6


def test_the_features_are_valid_geojson(client, api_url, mark_settings, categories):
    add_marks(mark_settings, spread(5), categories)
    data = json.loads(client.get(api_url, {"zoom": 16}).content)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
