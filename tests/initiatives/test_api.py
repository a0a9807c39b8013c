"""The API: shapes of the list, GeoJSON and detail; filters; errors."""

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.goals.models import GoalTag, SdgGoal
from apps.initiatives import services
from apps.initiatives.models import Initiative
from tests.factories import consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(initiative, oslo):
    from apps.goals.catalogue import load_catalogue

    if not SdgGoal.objects.exists():
        load_catalogue()
    GoalTag.objects.create(
        hub=oslo,
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        sdg_goal=SdgGoal.objects.get(number=11),
    )
    return initiative


def test_list_shape(client, tagged):
    data = client.get("/api/v1/hubs/oslo/initiatives").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item == {
        "slug": "gronn-gardsplass",
        "title": "Grønn gårdsplass",
        "summary": "A green courtyard",
        "status": "idea",
        "area": None,
        "goals": [SdgGoal.objects.get(number=11).code],
        "template": None,
        "current_phase": None,
        "lon": 10.77,
        "lat": 59.91,
        "url": "/oslo/initiatives/gronn-gardsplass/",
        "followers_count": 1,
    }


def test_filters_and_errors(client, tagged, oslo, mia):
    services.initiative_submit(hub=oslo, actor=mia, title="No place")
    assert client.get("/api/v1/hubs/oslo/initiatives").json()["count"] == 2
    assert client.get("/api/v1/hubs/oslo/initiatives?goal=sdg:11").json()["count"] == 1
    assert client.get("/api/v1/hubs/oslo/initiatives?goal=sdg:3").json()["count"] == 0
    assert client.get("/api/v1/hubs/oslo/initiatives?status=active").json()["count"] == 0
    assert client.get("/api/v1/hubs/oslo/initiatives?limit=1&offset=1").json()["items"][0]["slug"]
    assert client.get("/api/v1/hubs/oslo/initiatives?status=bogus").status_code == 400
    assert client.get("/api/v1/hubs/oslo/initiatives?format=xml").status_code == 400
    assert client.get("/api/v1/hubs/oslo/initiatives?limit=0").status_code == 422
    assert client.get("/api/v1/hubs/nohub/initiatives").status_code == 404


def test_area_filter(client, sodertorn, areas, sven):
    services.initiative_submit(
        hub=sodertorn, actor=sven, title="Fittja", place={"type": "Point", "coordinates": [17.86, 59.25]}
    )
    data = client.get("/api/v1/hubs/sodertorn/initiatives?area=0127").json()
    assert data["count"] == 1
    assert data["items"][0]["area"] == {"code": "0127", "name": "Botkyrka"}
    assert client.get("/api/v1/hubs/sodertorn/initiatives?area=0126").json()["count"] == 0


def test_geojson(client, initiative, oslo, mia):
    services.initiative_submit(hub=oslo, actor=mia, title="No place")
    services.initiative_submit(
        hub=oslo, actor=mia, title="Next door", place={"type": "Point", "coordinates": [10.7701, 59.9101]}
    )
    response = client.get("/api/v1/hubs/oslo/initiatives?format=geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["limit"] == 2000 and data["total"] == 2 and data["truncated"] is False
    feature = data["features"][-1]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [10.77, 59.91]}
    assert feature["properties"]["url"] == "/oslo/initiatives/gronn-gardsplass/"
    capped = client.get("/api/v1/hubs/oslo/initiatives?format=geojson&limit=1").json()
    assert len(capped["features"]) == 1 and capped["truncated"] is True
    clustered = client.get("/api/v1/hubs/oslo/initiatives?format=geojson&cluster=5").json()
    assert len(clustered["features"]) == 1
    assert clustered["features"][0]["properties"] == {
        "cluster": True,
        "count": 2,
        "bbox": [10.77, 59.91, 10.7701, 59.9101],
    }
    close = client.get("/api/v1/hubs/oslo/initiatives?format=geojson&cluster=19").json()
    assert len(close["features"]) == 2


def test_detail(client, initiative, olga, lena, tom, django_capture_on_commit_callbacks):
    consent(lena)
    services.update_post(initiative=initiative, actor=lena, title="News", body="Body")
    services.permit_create(initiative=initiative, actor=tom, what="Street use", status="applied")
    data = client.get(f"/api/v1/hubs/oslo/initiatives/{initiative.slug}").json()
    assert data["followers_count"] == 1
    assert data["place"] == {"type": "Point", "coordinates": [10.77, 59.91]}
    assert data["team"] == [
        {"name": None, "role": "owner"},  # olga shows no public profile
        {"name": "Lena Lead", "role": "lead"},
        {"name": None, "role": "member"},
    ]
    assert data["updates"][0]["title"] == "News" and data["updates"][0]["author"] == "Lena Lead"
    assert data["permits"][0]["what"] == "Street use" and data["permits"][0]["documents"] == []
    assert client.get("/api/v1/hubs/oslo/initiatives/nope").status_code == 404
