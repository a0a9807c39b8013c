"""The one check for geometry people draw (initiatives' places, map marks)."""

import json

import pytest

from apps.places.drawn import DrawnGeometryError, clean_drawn

ALL = {"Point", "LineString", "Polygon"}
SQUARE = [[[10.0, 59.0], [10.01, 59.0], [10.01, 59.01], [10.0, 59.01], [10.0, 59.0]]]


def code(value, kinds=ALL, max_vertices=100):
    with pytest.raises(DrawnGeometryError) as info:
        clean_drawn(value, kinds=kinds, max_vertices=max_vertices)
    assert info.value.message  # a sentence for people
    return info.value.code


@pytest.mark.parametrize("empty", [None, "", {}])
def test_nothing_drawn_is_none(empty):
    assert clean_drawn(empty, kinds=ALL, max_vertices=10) is None


def test_a_feature_as_text_gives_its_tidy_geometry():
    text = json.dumps(
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [10.123456789, 59.9, 12]}}
    )
    drawn = clean_drawn(text, kinds=ALL, max_vertices=10)
    assert drawn.geometry == {"type": "Point", "coordinates": [10.1234568, 59.9]}


def test_a_polygon_is_oriented_and_a_repeated_corner_repaired():
    ring = [SQUARE[0][0], SQUARE[0][1], SQUARE[0][1], *SQUARE[0][2:]]
    drawn = clean_drawn(
        {"type": "Polygon", "coordinates": [list(reversed(ring))]}, kinds=ALL, max_vertices=10
    )
    assert drawn.type == "Polygon" and drawn.shape.area > 0 and drawn.shape.exterior.is_ccw


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{not json", "malformed"),
        ("[" * 5000, "malformed"),  # nested too deep: refused before parsing
        ({"type": "Point", "coordinates": [True, 1]}, "malformed"),
        ({"type": "Point", "coordinates": [float("nan"), 1]}, "malformed"),
        ({"type": "Point", "coordinates": [200, 10]}, "range"),
        ({"type": "MultiPoint", "coordinates": [[0, 0]]}, "kind"),
        ({"type": "LineString", "coordinates": [[1, 1], [1, 1]]}, "empty"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "malformed"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "self_intersection"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}, "empty"),
        ("x" * 100_001, "too_large"),
    ],
)
def test_bad_geometry_is_refused_with_a_code(value, expected):
    assert code(value) == expected


def test_kinds_and_corners_are_the_callers_choice():
    assert code({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, kinds={"Point"}) == "kind"
    assert code({"type": "Polygon", "coordinates": SQUARE}, max_vertices=4) == "too_large"
