"""The dashboard API: the same hand-computed figures as the pages, public, nothing private."""

import pytest

pytestmark = pytest.mark.django_db


def by_key(rows, field="count"):
    return {row["key"]: row[field] for row in rows}


def test_hub_dashboard(client, world):
    response = client.get("/api/v1/hubs/oslo/dashboard")
    assert response.status_code == 200
    data = response.json()
    assert data["hub"] == "oslo"
    assert data["currency"] == "NOK"
    assert data["hourly_rate"] == "450.00"
    assert data["url"] == "/oslo/dashboards/"
    f = data["figures"]
    assert (f["initiatives"], f["people"], f["partners"]) == (5, 8, 3)
    assert by_key(f["by_status"]) == {"idea": 1, "active": 2, "paused": 1, "completed": 1}
    assert by_key(f["people_by_way"])["team"] == 4
    assert by_key(f["money"], "amount") == {
        "partner_money": "3000.10",
        "partner_in_kind": "800.00",
        "pledged": "350.75",
        "pledges_received": "100.25",
        "budget_planned": "15000.10",
        "budget_received": "7500.55",
    }
    assert by_key(f["hours"], "hours") == {
        "partner_hours": "15",
        "budget_hours_planned": "20",
        "budget_hours_given": "7.25",
    }
    assert by_key(f["hours"], "value")["partner_hours"] == "6750.00"
    assert f["money_committed"] == "4150.85"
    assert f["hours_committed"] == "35"
    results = {r["title"]: r for r in f["results"]}
    assert sorted(results) == ["Bikes lent", "Green space in Tøyen", "Trees planted"]
    trees = results["Trees planted"]
    assert (trees["initiative"], trees["baseline"], trees["target"], trees["latest"], trees["progress"]) == (
        "park",
        "0",
        "100",
        "40",
        40,
    )
    assert results["Bikes lent"]["latest"] is None
    goals = {g["code"]: g for g in data["goals"]}
    assert goals["green"]["figures"]["people"] == 6
    assert goals["green"]["url"] == "/oslo/dashboards/goals/green/"
    assert goals["climate"]["figures"]["initiatives"] == 1
    assert {a["code"]: a["figures"]["initiatives"] for a in data["areas"]} == {"0301-05": 1, "0301-01": 3}
    text = response.content.decode()
    for private in ("Olga", "olga@", "Secret draft", "999.00", "77777", "5555"):
        assert private not in text


def test_goal_dashboard(client, world):
    data = client.get("/api/v1/hubs/oslo/dashboard/goals/green").json()
    assert data["figures"]["initiatives"] == 3
    [target] = data["targets"]
    assert target["code"] == "11.7.L1"
    assert target["figures"]["people"] == 3
    assert target["url"] == "/oslo/dashboards/goals/green/targets/11.7.L1/"


def test_area_dashboard(client, world):
    data = client.get("/api/v1/hubs/oslo/dashboard/areas/0301-01-01").json()
    assert data["parent"] == "0301-01"
    assert data["figures"]["initiatives"] == 2
    assert [c["code"] for c in data["children"]] == ["0301-01-01-1"]
    assert data["children"][0]["figures"]["initiatives"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hubs/nowhere/dashboard",
        "/api/v1/hubs/sodertorn/dashboard/goals/climate",
        "/api/v1/hubs/oslo/dashboard/goals/nope",
        "/api/v1/hubs/sodertorn/dashboard/areas/0301-01",
    ],
)
def test_not_found(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_other_hub(client, world):
    data = client.get("/api/v1/hubs/sodertorn/dashboard").json()
    assert data["currency"] == "SEK"
    assert data["figures"]["initiatives"] == 1
    assert data["figures"]["results"] == []
