"""The areas API: RFC 7946 GeoJSON, level/bbox/tolerance filters, errors, hub scoping, size."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from shapely.geometry import shape

from apps.places import services
from tests.places.conftest import BASOMR, KOMMUN, square

URL = "/api/v1/hubs/sodertorn/areas"


def geo(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_feature_collection_shape(client, grid):
    data = geo(client.get(URL))
    assert set(data) == {"type", "features"}
    assert data["type"] == "FeatureCollection"
    # Top level first, then by name: East (M2) before West (M1).
    assert [f["id"] for f in data["features"]] == ["M2", "M1", "D1", "D2", "D3", "D4"]
    d1 = next(f for f in data["features"] if f["id"] == "D1")
    assert set(d1) == {"type", "id", "geometry", "properties"}
    assert d1["type"] == "Feature"
    assert d1["properties"] == {"code": "D1", "name": "District 1", "level": "district", "parent": "M1"}
    assert d1["geometry"]["type"] == "Polygon"
    ring = d1["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1]
    assert shape(d1["geometry"]).exterior.is_ccw  # RFC 7946 winding
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)


def test_level_filter(client, grid):
    data = geo(client.get(URL, {"level": "municipality"}))
    assert sorted(f["id"] for f in data["features"]) == ["M1", "M2"]
    assert all(f["properties"]["parent"] is None for f in data["features"])


def test_bbox_filter(client, grid):
    data = geo(client.get(URL, {"bbox": "17.6,59.1,18.2,59.2", "level": "district"}))
    assert sorted(f["id"] for f in data["features"]) == ["D2", "D3"]
    assert geo(client.get(URL, {"bbox": "0,0,1,1"}))["features"] == []


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"bbox": "17,59,18"}, 400, "bbox must be four numbers"),
        ({"bbox": "a,b,c,d"}, 400, "bbox must be four numbers"),
        ({"bbox": "18,59,17,60"}, 400, "min ≤ max"),
        ({"bbox": "17,59,18,95"}, 400, "latitudes in"),
        ({"level": "galaxy"}, 400, "Unknown level 'galaxy'. This hub's levels: municipality, district."),
        ({"tolerance": "-1"}, 422, ""),
        ({"tolerance": "1"}, 422, ""),
        ({"tolerance": "lots"}, 422, ""),
    ],
)
def test_bad_parameters_are_4xx_with_a_message(client, grid, params, status, message):
    response = client.get(URL, params)
    assert response.status_code == status
    assert message in json.dumps(response.json()["detail"], ensure_ascii=False)


def test_unknown_hub_is_404(client, grid):
    assert client.get("/api/v1/hubs/atlantis/areas").status_code == 404
    assert client.get("/api/v1/hubs/atlantis/areas/M1").status_code == 404
    assert client.get("/api/v1/hubs/atlantis/areas/at", {"lon": 17.5, "lat": 59.5}).status_code == 404


def test_another_hubs_areas_never_appear(client, grid, oslo):
    level = services.area_level_ensure(hub=oslo, slug="district")
    services.areas_upsert(
        hub=oslo, level=level, rows=[{"code": "O1", "name": "Oslo 1", "geometry": square(17, 59)}]
    )
    assert [f["id"] for f in geo(client.get("/api/v1/hubs/oslo/areas"))["features"]] == ["O1"]
    assert "O1" not in [f["id"] for f in geo(client.get(URL))["features"]]
    assert client.get(f"{URL}/O1").status_code == 404
    assert client.get("/api/v1/hubs/oslo/areas/M1").status_code == 404
    at = geo(client.get("/api/v1/hubs/oslo/areas/at", {"lon": 17.2, "lat": 59.5}))
    assert at["id"] == "O1"


def test_one_area_with_children_and_neighbours(client, grid):
    data = geo(client.get(f"{URL}/M1"))
    assert data["type"] == "Feature"
    assert data["id"] == "M1"
    assert data["bbox"] == [17, 59, 18, 60]
    assert data["geometry"]["type"] == "Polygon"
    props = data["properties"]
    assert props["children"] == ["D1", "D2"]
    assert props["neighbours"] == ["M2"]
    assert (props["level"], props["parent"]) == ("municipality", None)
    d3 = geo(client.get(f"{URL}/D3"))["properties"]
    assert (d3["parent"], d3["parent_name"], d3["neighbours"], d3["children"]) == (
        "M2",
        "East",
        ["D2", "D4"],
        [],
    )
    assert client.get(f"{URL}/nowhere").status_code == 404


def test_point_lookup(client, grid):
    data = geo(client.get(f"{URL}/at", {"lon": "18.7", "lat": "59.5"}))
    assert data["id"] == "D4"
    assert data["properties"]["parent"] == "M2"
    assert geo(client.get(f"{URL}/at", {"lon": "18.7", "lat": "59.5", "level": "municipality"}))["id"] == "M2"
    missing = client.get(f"{URL}/at", {"lon": "5", "lat": "5"})
    assert missing.status_code == 404
    assert "No area" in missing.json()["detail"]
    assert client.get(f"{URL}/at", {"lon": "200", "lat": "5"}).status_code == 422
    assert client.get(f"{URL}/at", {"lat": "5"}).status_code == 422


def _queries(client, path, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (URL, {}),
        (URL, {"level": "district", "bbox": "16,58,20,61"}),
        (f"{URL}/M1", {}),
        (f"{URL}/at", {"lon": 17.2, "lat": 59.5}),
    ],
)
def test_query_count_is_constant(client, grid, sodertorn, path, params):
    before = _queries(client, path, params)
    extra = [
        {
            "code": f"E{i}",
            "name": f"Extra {i}",
            "parent_code": "M1",
            "geometry": square(17 + i / 100, 59, 0.01),
        }
        for i in range(12)
    ]
    services.areas_upsert(hub=sodertorn, level=grid["district"], rows=extra)
    services.neighbours_compute(hub=sodertorn)
    assert _queries(client, path, params) == before


def _import_real(sodertorn):
    out = StringIO()
    call_command(
        "import_areas",
        str(KOMMUN),
        "--hub",
        "sodertorn",
        "--level",
        "municipality",
        "--code-property",
        "ID_2",
        "--name-property",
        "NAME_2",
        stdout=out,
    )
    call_command(
        "import_areas",
        str(BASOMR),
        "--hub",
        "sodertorn",
        "--level",
        "small-area",
        "--code-property",
        "BASKOD2010",
        "--name-property",
        "BASN2010",
        "--parent-template",
        "i01{KOMKOD:02d}",
        stdout=out,
    )


@pytest.mark.slow
def test_all_small_areas_at_the_default_tolerance_are_under_1_mb(client, sodertorn):
    _import_real(sodertorn)
    response = client.get(URL, {"level": "small-area"})
    data = geo(response)
    assert len(data["features"]) == 1364
    print(f"all small areas at the default tolerance: {len(response.content)} bytes")
    assert len(response.content) < 1_000_000, len(response.content)
    assert all(shape(f["geometry"]).is_valid for f in data["features"])
    unsimplified = client.get(URL, {"level": "small-area", "tolerance": 0})
    assert len(unsimplified.content) > len(response.content)
    coarse = client.get(URL, {"level": "small-area", "tolerance": 0.005})
    assert len(coarse.content) < len(response.content)
    huddinge = geo(client.get(f"{URL}/at", {"lon": 17.98, "lat": 59.236}))
    assert (huddinge["properties"]["name"], huddinge["properties"]["parent_name"]) == (
        "Fullersta Gård",
        "Huddinge",
    )
    assert huddinge["properties"]["neighbours"]


def test_the_cached_map_layer_follows_a_re_import(client, grid, levels, sodertorn):
    """The list is cached; an import that changes the areas must show at once."""
    first = geo(client.get(URL, {"level": "municipality"}))
    assert {f["properties"]["name"] for f in first["features"]} == {"West", "East"}
    assert geo(client.get(URL, {"level": "municipality"})) == first  # served from the cache

    services.areas_upsert(
        hub=sodertorn,
        level=levels["municipality"],
        rows=[{"code": "M1", "name": "Westside", "geometry": square(17, 59, 0.5)}],
    )

    again = geo(client.get(URL, {"level": "municipality"}))
    assert {f["properties"]["name"] for f in again["features"]} == {"Westside", "East"}
    m1 = next(f for f in again["features"] if f["id"] == "M1")
    assert shape(m1["geometry"]).area == pytest.approx(0.25, rel=0.01)
