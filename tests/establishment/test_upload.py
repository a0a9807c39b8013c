"""The area a steward uploads or draws: each bad input gets its own clear, translated message."""

import json

import pytest

from apps.places.upload import AreaFileError, read_area
from tests.establishment.conftest import OSLO_AREA


def fails(content, country="NO"):
    with pytest.raises(AreaFileError) as caught:
        read_area(content, country=country)
    return caught.value


def test_a_geojson_polygon_is_taken_tidy():
    area = read_area(json.dumps(OSLO_AREA), country="NO")
    assert area.geometry["type"] == "Polygon"
    assert area.vertices == 4


def test_a_feature_collection_keeps_its_name_and_joins_its_polygons():
    other = {"type": "Polygon", "coordinates": [[[10.8, 59.9], [10.81, 59.9], [10.81, 59.91], [10.8, 59.9]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"navn": "Sentrum"}, "geometry": OSLO_AREA},
            {"type": "Feature", "properties": {}, "geometry": other},
        ],
    }
    area = read_area(json.dumps(collection).encode(), country="NO")
    assert area.name == "Sentrum"
    assert area.geometry["type"] == "MultiPolygon"


def test_topojson_is_read():
    topology = {
        "type": "Topology",
        "arcs": [[[10.74, 59.91], [10.76, 59.91], [10.76, 59.92], [10.74, 59.92], [10.74, 59.91]]],
        "objects": {"area": {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Oslo"}}},
    }
    area = read_area(json.dumps(topology), country="NO")
    assert area.geometry["type"] == "Polygon" and area.name == "Oslo"


def test_not_json():
    error = fails(b"PK\x03\x04 this is a zip file")
    assert error.code in ("not_json",)
    assert "JSON" in error.message


def test_json_but_not_geojson():
    error = fails(json.dumps({"hello": "world"}))
    assert error.code == "not_geo"
    assert "neither GeoJSON nor TopoJSON" in error.message


def test_a_line_is_not_an_area():
    error = fails(json.dumps({"type": "LineString", "coordinates": [[10.7, 59.9], [10.8, 59.9]]}))
    assert error.code == "kind"
    assert "LineString" in error.message and "Polygon" in error.message


def test_a_self_intersecting_outline_is_refused_and_located():
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[10.7, 59.9], [10.8, 59.95], [10.8, 59.9], [10.7, 59.95], [10.7, 59.9]]],
    }
    error = fails(json.dumps(bowtie))
    assert error.code == "self_intersection"
    assert "crosses itself" in error.message and "59.92500, 10.75000" in error.message


def test_projected_coordinates_are_recognised():
    utm = {  # EPSG:25833 eastings/northings around Oslo
        "type": "Polygon",
        "coordinates": [[[262000, 6650000], [263000, 6650000], [263000, 6651000], [262000, 6650000]]],
    }
    error = fails(json.dumps(utm))
    assert error.code == "projected"
    assert "EPSG:25833" in error.message and "WGS84" in error.message


def test_a_declared_other_crs_is_refused():
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": OSLO_AREA}],
    }
    error = fails(json.dumps(document))
    assert error.code == "projected" and "EPSG::25833" in error.message


def test_a_declared_wgs84_crs_is_fine():
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": OSLO_AREA}],
    }
    assert read_area(json.dumps(document), country="NO").geometry["type"] == "Polygon"


def test_outside_the_hubs_country():
    """Inside the bounding box of the hub's country (Norway's reaches far east in the north)."""
    berlin = {"type": "Polygon", "coordinates": [[[13.3, 52.5], [13.5, 52.5], [13.5, 52.6], [13.3, 52.5]]]}
    error = fails(json.dumps(berlin), country="NO")
    assert error.code == "outside_country" and "Norway" in error.message
    tromso = {"type": "Polygon", "coordinates": [[[18.9, 69.6], [19.0, 69.6], [19.0, 69.7], [18.9, 69.6]]]}
    assert fails(json.dumps(tromso), country="SE").code == "outside_country"
    assert read_area(json.dumps(tromso), country="NO").geometry["type"] == "Polygon"
    stockholm = {
        "type": "Polygon",
        "coordinates": [[[18.0, 59.3], [18.1, 59.3], [18.1, 59.35], [18.0, 59.3]]],
    }
    assert read_area(json.dumps(stockholm), country="SE").geometry["type"] == "Polygon"


def test_partly_outside_the_country():
    across = {
        "type": "Polygon",
        "coordinates": [[[10.7, 57.0], [10.8, 57.0], [10.8, 59.9], [10.7, 59.9], [10.7, 57.0]]],
    }
    error = fails(json.dumps(across), country="NO")
    assert error.code == "outside_country" and "Part of the area" in error.message


def test_latitude_before_longitude_lands_outside_the_country():
    swapped = {
        "type": "Polygon",
        "coordinates": [[[59.91, 10.74], [59.91, 10.76], [59.92, 10.76], [59.91, 10.74]]],
    }
    error = fails(json.dumps(swapped))
    assert error.code == "outside_country" and "longitude before latitude" in error.message


def test_too_few_corners_and_empty_files():
    assert (
        fails(
            json.dumps({"type": "Polygon", "coordinates": [[[10.7, 59.9], [10.8, 59.9], [10.7, 59.9]]]})
        ).code
        == "empty"
    )
    assert fails(b"").code == "empty"


def test_too_large_a_file():
    assert fails(b" " * (5 * 1024 * 1024 + 1)).code == "too_large"
