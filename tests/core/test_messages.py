"""Errors say what is wrong: too many points names the limit, too large a request says so (413),
not "something in the request was not right"."""

import json

import pytest
from django.test import Client

from apps.places.drawn import MAX_CHARS, DrawnGeometryError, clean_drawn
from tests.factories import PASSWORD


def line(points):
    return {"type": "LineString", "coordinates": [[10.7 + i * 1e-6, 59.9] for i in range(points)]}


def test_too_many_points_names_the_count_and_the_limit():
    with pytest.raises(DrawnGeometryError) as exc:
        clean_drawn(line(100_000), kinds={"LineString"}, max_vertices=500)
    assert "too many points: 100000, at most 500" in exc.value.message


def test_too_large_geojson_text_names_the_limit():
    text = json.dumps(line(100_000))
    assert len(text) > MAX_CHARS
    with pytest.raises(DrawnGeometryError) as exc:
        clean_drawn(text, kinds={"LineString"}, max_vertices=500)
    assert f"at most {MAX_CHARS}" in exc.value.message and "at most 500 points" in exc.value.message


def test_a_form_post_over_the_size_limit_is_413_with_the_limit(oslo, vic, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client()
    assert client.login(email=vic.email, password=PASSWORD)
    response = client.post("/oslo/initiatives/new/", {"title": "x", "place": json.dumps(line(2_000))})
    assert response.status_code == 413
    assert "at most 9.8\xa0KB of text" in response.content.decode()
    assert "too large" in response.content.decode()


def test_an_api_body_over_the_size_limit_is_413_json(client, oslo, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(
        "/api/v1/hubs/oslo/initiatives/x/campaign/pledges",
        json.dumps({"message": "x" * 20_000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "at most 10000" in response.json()["detail"]
