"""Geometry text from browsers is parsed with its nesting depth bounded first."""

import pytest

from apps.places.geometry import MAX_JSON_DEPTH, MalformedJSON, json_depth, loads_geojson


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [[1, 2]]}', 3),
        ('["[[[[", "{{{{"]', 1),  # brackets inside strings do not count
        ('["a\\"[[[["]', 1),  # nor after an escaped quote
    ],
)
def test_json_depth(text, depth):
    assert json_depth(text) == depth


def test_a_multipolygon_feature_is_within_the_limit():
    feature = (
        '{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}'
    )
    assert loads_geojson(feature)["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize(
    "text", ["[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "[" * 50_000, "{oops"]
)
def test_too_deep_or_broken_text_is_malformed_json(text):
    with pytest.raises(MalformedJSON):
        loads_geojson(text)
