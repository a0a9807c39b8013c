"""API: indicators, one indicator, values as JSON and CSV; 404s, 422/400; hubs apart."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/hubs/sodertorn/indicators"


def test_list(client, mini):
    response = client.get(BASE)
    assert response.status_code == 200
    items = {i["code"]: i for i in response.json()["items"]}
    assert set(items) == {
        "employment_rate_20_64",
        "median_income_aged_gt_20",
        "mystery_measure",
        "population_total",
    }
    assert items["population_total"] == {
        "code": "population_total",
        "name": "Population total",
        "description": "People living there on 31 December",
        "category": "social",
        "unit": "people",
        "source": "Mini test package",
        "licence": "CC-BY-4.0",
        "years": [2019, 2020],
    }


def test_names_in_the_requests_language(client, mini):
    items = {i["code"]: i["name"] for i in client.get(BASE, HTTP_ACCEPT_LANGUAGE="sv").json()["items"]}
    assert items["population_total"] == "Befolkning totalt"
    assert items["median_income_aged_gt_20"] == "Median income"  # no Swedish name: English
    items = {i["code"]: i["name"] for i in client.get(BASE + "?lang=sv").json()["items"]}
    assert items["employment_rate_20_64"] == "Förvärvsfrekvens"


def test_detail(client, mini):
    data = client.get(f"{BASE}/employment_rate_20_64").json()
    assert data["years"] == [2020]
    assert data["levels"] == ["district"]
    assert data["breakdowns"] == ["gender:female", "gender:male"]
    assert data["category"] == "economic"


def test_values(client, mini):
    response = client.get(f"{BASE}/population_total/values?year=2019")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    rows = response.json()
    assert {"area": "d1_north", "level": "district", "year": 2019, "value": 1000.0} in rows
    assert {"area": "m1_alfa", "level": "municipality", "year": 2019, "value": 3000.0} in rows
    assert len(rows) == 6
    rows = client.get(f"{BASE}/population_total/values?year=2019&level=district").json()
    assert [r["area"] for r in rows] == ["d1_north", "d2_south", "d3_east", "d4_west"]
    latest = client.get(f"{BASE}/population_total/values?level=district").json()
    assert {r["year"] for r in latest} == {2020}


def test_values_with_breakdown(client, mini):
    rows = client.get(f"{BASE}/employment_rate_20_64/values?year=2020&breakdown=gender:female").json()
    assert rows[0] == {
        "area": "d1_north",
        "level": "district",
        "year": 2020,
        "value": 0.7,
        "gender": "female",
    }
    assert len(rows) == 4
    totals = client.get(f"{BASE}/employment_rate_20_64/values?year=2020").json()
    assert all("gender" not in r for r in totals)
    assert totals[0]["value"] == 0.72


def test_values_as_csv(client, mini):
    response = client.get(f"{BASE}/employment_rate_20_64/values?year=2020&breakdown=gender:male&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["area", "level", "year", "value", "gender"]
    assert rows[1] == ["d1_north", "district", "2020", "0.75", "male"]
    assert len(rows) == 5


def test_errors(client, mini, oslo):
    assert client.get("/api/v1/hubs/nowhere/indicators").status_code == 404
    assert client.get(f"{BASE}/nothing").status_code == 404
    assert client.get(f"{BASE}/nothing/values?year=2020").status_code == 404
    assert client.get(f"{BASE}/population_total/values?year=twenty").status_code == 422
    assert client.get(f"{BASE}/population_total/values?year=20").status_code == 422
    assert client.get(f"{BASE}/population_total/values?breakdown=gender").status_code == 400
    assert client.get(f"{BASE}/population_total/values?year=1990").json() == []
    # Another hub sees none of Södertörn's indicators.
    assert client.get("/api/v1/hubs/oslo/indicators").json() == {"items": [], "count": 0}
    assert client.get("/api/v1/hubs/oslo/indicators/population_total/values").status_code == 404


def test_values_are_cached_until_the_next_import(client, mini):
    from apps.knowledge.models import ImportRun, Observation

    url = "/api/v1/hubs/sodertorn/indicators/population_total/values?year=2020&level=district"
    first = client.get(url).json()
    area = first[0]["area"]
    Observation.objects.filter(
        indicator__hub=mini, indicator__code="population_total", year=2020, area__code=area
    ).update(value=123456.0)
    assert client.get(url).json() == first  # served from the cache: nothing was imported

    ImportRun.objects.create(hub=mini, kind="csv", source="test", checksum="x")
    again = {row["area"]: row["value"] for row in client.get(url).json()}
    assert again[area] == 123456.0
