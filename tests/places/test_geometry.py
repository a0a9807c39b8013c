"""Cleaning, measuring and simplifying area geometry."""

import pytest
from shapely.geometry import shape

from apps.places.geometry import (
    GeometryError,
    bbox,
    clean_geometry,
    clean_geometry_with_report,
    label_point,
    parse_bbox,
    simplify_many,
)
from tests.places.conftest import square

BOW_TIE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}


def test_valid_polygon_gets_rfc7946_winding_and_lists():
    clockwise = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    cleaned = clean_geometry(clockwise)
    assert cleaned["type"] == "Polygon"
    ring = cleaned["coordinates"][0]
    assert isinstance(ring, list) and isinstance(ring[0], list)
    assert shape(cleaned).exterior.is_ccw


def test_holes_are_clockwise():
    with_hole = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]],  # counter-clockwise: wrong for a hole
        ],
    }
    polygon = shape(clean_geometry(with_hole))
    assert polygon.exterior.is_ccw
    assert not polygon.interiors[0].is_ccw
    assert polygon.area == 12


def test_cleaning_is_idempotent_and_rounds():
    raw = square(17.123456789, 59.987654321)
    once = clean_geometry(raw)
    assert once["coordinates"][0][0] == [17.1234568, 59.9876543]
    assert clean_geometry(once) == once


def test_bow_tie_is_repaired_into_two_triangles_with_a_reason():
    cleaned, reason = clean_geometry_with_report(BOW_TIE)
    assert "Self-intersection" in reason
    assert cleaned["type"] == "MultiPolygon"
    geom = shape(cleaned)
    assert geom.is_valid
    assert geom.area == pytest.approx(2.0)


def test_polygonal_parts_of_a_collection_are_kept():
    collection = {
        "type": "GeometryCollection",
        "geometries": [square(0, 0), {"type": "Point", "coordinates": [5, 5]}, square(2, 0)],
    }
    cleaned = clean_geometry(collection)
    assert cleaned["type"] == "MultiPolygon"
    assert len(cleaned["coordinates"]) == 2


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "missing"),
        ("POLYGON", "missing"),
        ({"coordinates": []}, "no type"),
        ({"type": "Point", "coordinates": [17.9, 59.2]}, "a Point is not an area"),
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "a LineString is not an area"),
        ({"type": "Polygon", "coordinates": []}, "empty"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}, "cannot be read"),
        ({"type": "Polygon", "coordinates": "nonsense"}, "cannot be read"),
        ({"type": "Blob", "coordinates": [1, 2]}, "cannot be read"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}, "no area left"),
        (square(650000, 6570000, 1000), "not WGS84 longitude/latitude"),
    ],
)
def test_unusable_geometry_raises_a_clear_reason(geometry, message):
    with pytest.raises(GeometryError, match=message):
        clean_geometry(geometry)


def test_bbox_and_label_point():
    geom = clean_geometry(
        {"type": "MultiPolygon", "coordinates": [square(0, 0)["coordinates"], square(5, 1)["coordinates"]]}
    )
    assert bbox(geom) == (0, 0, 6, 2)
    lon, lat = label_point(geom)
    assert shape(geom).contains(shape({"type": "Point", "coordinates": [lon, lat]}))


def test_label_point_is_inside_a_concave_area():
    u_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    }
    lon, lat = label_point(clean_geometry(u_shape))
    assert shape(u_shape).contains(shape({"type": "Point", "coordinates": [lon, lat]}))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1,2,3",
        "a,b,c,d",
        "1,2,3,4,5",
        "10,60,9,61",
        "10,61,11,60",
        "-181,0,0,1",
        "0,-91,1,0",
        "nan,0,1,1",
    ],
)
def test_parse_bbox_refuses_nonsense(text):
    with pytest.raises(GeometryError, match="bbox"):
        parse_bbox(text)


def test_parse_bbox():
    assert parse_bbox(" 17.5, 59.0,18,59.5 ") == (17.5, 59.0, 18.0, 59.5)


def test_simplify_many_keeps_shared_borders_and_missing_geometries():
    wiggly_border = [[1 + (0.001 if i % 2 else 0), i / 100] for i in range(101)]
    left = {"type": "Polygon", "coordinates": [[[0, 0], *wiggly_border, [0, 1], [0, 0]]]}
    right = {"type": "Polygon", "coordinates": [[*wiggly_border[::-1], [2, 0], [2, 1], [1, 1]]]}
    left, right = clean_geometry(left), clean_geometry(right)
    out = simplify_many([left, None, right], 0.01, 5)
    assert out[1] is None
    a, b = shape(out[0]), shape(out[2])
    assert len(out[0]["coordinates"][0]) < len(left["coordinates"][0])
    assert a.intersection(b).area == pytest.approx(0, abs=1e-9)  # no overlap
    assert a.union(b).area == pytest.approx(2.0, abs=1e-3)  # no gap
    assert simplify_many([left], 0, 5)[0]["coordinates"][0][1] == [1.0, 0.0]
