"""The goals API: shapes of the UN catalogue and a hub's goals."""

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.goals.models import GoalTag
from apps.places.models import Area

pytestmark = pytest.mark.django_db


def test_sdg_goals(client):
    data = client.get("/api/v1/sdg/goals?limit=100").json()["items"]
    assert len(data) == 17
    assert data[10] == {
        "number": 11,
        "short_en": "Sustainable cities and communities",
        "short_nb": "Bærekraftige byer og lokalsamfunn",
        "short_sv": "Hållbara städer och samhällen",
        "title_en": "Make cities and human settlements inclusive, safe, resilient and sustainable",
        "title_nb": data[10]["title_nb"],
        "title_sv": "Göra städer och bosättningar inkluderande, säkra, motståndskraftiga och hållbara",
        "colour": "#FD9D24",
        "target_count": 10,
    }
    assert sum(goal["target_count"] for goal in data) == 169


def test_one_sdg_goal_with_targets_and_indicators(client):
    data = client.get("/api/v1/sdg/goals/11").json()
    assert data["number"] == 11
    codes = [t["code"] for t in data["targets"]]
    assert codes == ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]
    target = data["targets"][6]
    assert [i["code"] for i in target["indicators"]] == ["11.7.1", "11.7.2"]
    assert set(target["indicators"][0]) == {"code", "title_en", "title_nb", "title_sv"}
    assert client.get("/api/v1/sdg/goals/18").status_code == 404


def test_hub_goals(client, climate, green_target, sodertorn_goal):
    data = client.get("/api/v1/hubs/oslo/goals").json()
    assert data["count"] == 1
    goal = data["items"][0]
    assert goal["code"] == "climate-2030" and goal["url"] == "/oslo/goals/climate-2030/"
    assert goal["sdg_goals"] == [11, 13]
    assert goal["local_targets"] == [
        {
            "code": "11.7.L1",
            "title": "Green space for all",
            "description": "",
            "measure": "",
            "due_year": None,
            "sdg_target": "11.7",
            "sdg_goal": 11,
        }
    ]
    assert client.get("/api/v1/hubs/nowhere/goals").status_code == 404


def test_one_hub_goal_with_what_is_tagged(client, oslo, climate, green_target, frogner):
    GoalTag.objects.create(
        content_type=ContentType.objects.get_for_model(Area), object_id=frogner.pk, hub=oslo, hub_goal=climate
    )
    data = client.get("/api/v1/hubs/oslo/goals/climate-2030").json()
    assert data["title"] == climate.title
    assert data["tagged"] == [{"type": "Areas", "name": "Frogner", "url": "", "tags": [climate.title]}]
    assert client.get("/api/v1/hubs/sodertorn/goals/climate-2030").status_code == 404
