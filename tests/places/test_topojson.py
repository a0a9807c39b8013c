"""TopoJSON decoding: quantised, delta-encoded arcs, reversed arcs, every geometry type, and
the real Södertörn topology putting known places in the right municipality."""

import csv
import json

import pytest
from shapely.geometry import Point, shape

from apps.places import topojson
from apps.places.geometry import GeometryError, clean_geometry
from tests.places.conftest import ASSETS, BASOMR, KOMMUN


def test_decodes_quantised_delta_encoded_arcs(two_squares):
    a, _b = topojson.decode(two_squares)
    assert a["type"] == "Feature"
    assert a["id"] == "A"
    assert a["properties"] == {"code": "A", "name": "Alpha"}
    assert a["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[11.0, 60.0], [11.0, 61.0], [10.0, 61.0], [10.0, 60.0], [11.0, 60.0]]],
    }


def test_reversed_arc_walks_the_shared_border_backwards(two_squares):
    _a, b = topojson.decode(two_squares)
    # arc 2 then ~0: down the shared border from (11, 61) to (11, 60).
    assert b["geometry"]["coordinates"] == [
        [[11.0, 60.0], [12.0, 60.0], [12.0, 61.0], [11.0, 61.0], [11.0, 60.0]]
    ]
    sa, sb = (shape(f["geometry"]) for f in topojson.decode(two_squares))
    assert sa.is_valid and sb.is_valid
    assert sa.area == sb.area == 1.0
    assert sa.touches(sb)
    assert sa.intersection(sb).length == 1.0  # one shared edge, no gap, no overlap


def test_known_points_fall_in_the_right_square(two_squares):
    features = {f["id"]: shape(f["geometry"]) for f in topojson.decode(two_squares)}
    assert features["A"].contains(Point(10.5, 60.5))
    assert features["B"].contains(Point(11.5, 60.2))
    assert not features["A"].contains(Point(11.5, 60.2))


def test_without_transform_positions_are_absolute():
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        "objects": {"one": {"type": "Polygon", "arcs": [[0]], "properties": {"x": 1}}},
    }
    [f] = topojson.decode(topology)
    assert f["geometry"]["coordinates"][0][2] == [1.0, 1.0]
    assert f["properties"] == {"x": 1}
    assert "id" not in f


def test_multipolygon_points_lines_and_nested_collections(two_squares):
    two_squares["objects"]["mixed"] = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "MultiPolygon", "arcs": [[[0, 1]], [[2, -1]]], "id": 7},
            {"type": "Point", "coordinates": [1, 1]},
            {"type": "MultiPoint", "coordinates": [[0, 0], [4, 2]]},
            {"type": "LineString", "arcs": [0]},
            {"type": "MultiLineString", "arcs": [[0], [-1]]},
            {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [2, 2]}]},
            {"type": None, "properties": {"empty": True}},
        ],
    }
    multi, point, multipoint, line, multiline, collection, empty = topojson.decode(two_squares, "mixed")
    assert multi["id"] == 7
    assert multi["geometry"]["type"] == "MultiPolygon"
    assert shape(multi["geometry"]).area == 2.0
    assert point["geometry"] == {"type": "Point", "coordinates": [10.5, 60.5]}  # quantised, not delta
    assert multipoint["geometry"]["coordinates"] == [[10.0, 60.0], [12.0, 61.0]]
    assert line["geometry"] == {"type": "LineString", "coordinates": [[11.0, 60.0], [11.0, 61.0]]}
    assert multiline["geometry"]["coordinates"] == [
        [[11.0, 60.0], [11.0, 61.0]],
        [[11.0, 61.0], [11.0, 60.0]],
    ]
    assert collection["geometry"] == {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [11.0, 61.0]}],
    }
    assert empty["geometry"] is None
    assert empty["properties"] == {"empty": True}


def test_a_single_object_needs_no_name_and_several_do(two_squares):
    assert len(topojson.decode(two_squares)) == 2
    two_squares["objects"]["other"] = {"type": "Point", "coordinates": [0, 0]}
    with pytest.raises(GeometryError, match="several objects"):
        topojson.decode(two_squares)
    assert len(topojson.decode(two_squares, "squares")) == 2
    [point] = topojson.decode(two_squares, "other")
    assert point["geometry"]["coordinates"] == [10.0, 60.0]
    with pytest.raises(GeometryError, match="no object 'missing'"):
        topojson.decode(two_squares, "missing")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.update(type="FeatureCollection"), "not a TopoJSON topology"),
        (lambda t: t.pop("arcs"), 'no "arcs"'),
        (lambda t: t.update(arcs={"0": []}), 'no "arcs"'),
        (lambda t: t.pop("objects"), 'no "objects"'),
        (lambda t: t.update(transform={"scale": [1]}), "transform needs a scale"),
        (lambda t: t.update(transform={"scale": ["a", 1], "translate": [0, 0]}), "must hold numbers"),
        (
            lambda t: t["objects"]["squares"]["geometries"][1].update(arcs=[[2, 9]]),
            "geometry 1 .*arc 9 does not",
        ),
        (lambda t: t["objects"]["squares"]["geometries"][1].update(arcs=[[2, -9]]), "arc -9 does not exist"),
        (lambda t: t["objects"]["squares"]["geometries"][0].update(arcs=[["x"]]), "must be an integer"),
        (lambda t: t["objects"]["squares"]["geometries"][0].update(type="Blob"), "unknown geometry type"),
        (lambda t: t["arcs"].__setitem__(1, [[1, "y"]]), "arc 1 has a position"),
        (lambda t: t["objects"]["squares"].pop("geometries"), 'without "geometries"'),
        (
            lambda t: t["objects"]["squares"]["geometries"].append("nonsense"),
            "geometry 2 .*must be an object",
        ),
    ],
)
def test_malformed_topologies_raise_a_clear_geometry_error(two_squares, change, message):
    change(two_squares)
    with pytest.raises(GeometryError, match=message):
        topojson.decode(two_squares)


def _municipalities() -> dict[str, dict[str, str]]:
    path = ASSETS.parent / "ddf--sodertornsmodellen--src" / "ddf--entities--municipality.csv"
    with path.open(encoding="utf-8") as f:
        return {row["map_id"]: row for row in csv.DictReader(f)}


@pytest.mark.parametrize(
    ("place", "lon", "lat", "municipality"),
    [
        ("Huddinge centrum", 17.980, 59.236, "0126_huddinge"),
        ("Södertälje centrum", 17.627, 59.196, "0181_sodertalje"),
        ("Nynäshamn", 17.947, 58.903, "0192_nynashamn"),
        ("Tumba (Botkyrka)", 17.834, 59.200, "0127_botkyrka"),
        ("Handen (Haninge)", 18.137, 59.168, "0136_haninge"),
        ("Tyresö centrum", 18.228, 59.244, "0138_tyreso"),
    ],
)
def test_real_sodertorn_topology_puts_known_places_in_their_municipality(place, lon, lat, municipality):
    features = topojson.decode(json.loads(KOMMUN.read_text(encoding="utf-8")))
    assert len(features) == 26
    point = Point(lon, lat)
    hits = [f for f in features if shape(clean_geometry(f["geometry"])).contains(point)]
    assert len(hits) == 1, place
    known = _municipalities()[hits[0]["properties"]["ID_2"]]
    assert known["municipality"] == municipality
    assert known["name"] == hits[0]["properties"]["NAME_2"]


def test_real_small_areas_decode_and_tile_without_overlap():
    features = topojson.decode(json.loads(BASOMR.read_text(encoding="utf-8")))
    assert len(features) == 1364
    point = Point(17.980, 59.236)  # Huddinge centrum
    hits = [f["properties"] for f in features if shape(clean_geometry(f["geometry"])).contains(point)]
    assert [(h["KOMKOD"], h["BASN2010"]) for h in hits] == [(26, "Fullersta Gård")]
