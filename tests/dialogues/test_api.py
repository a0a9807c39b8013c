"""The API shows only published dialogues and, of those, only the published parts."""

import pytest

from apps.dialogues import services

pytestmark = pytest.mark.django_db

API = "/api/v1/hubs/oslo/dialogues"


def test_confidential_dialogue_is_not_in_the_api(client, full_record, stella):
    client.force_login(stella)  # not even for a lead: the API is the public face
    assert client.get(API).json() == {"items": [], "count": 0}
    response = client.get(f"{API}/{full_record.pk}")
    assert response.status_code == 404 and "detail" in response.json()


def test_only_published_parts(client, full_record, stella):
    services.publication_set(dialogue=full_record, actor=stella, parts=["summary", "values", "organisations"])
    body = client.get(f"{API}/{full_record.pk}").json()
    assert body["title"] == "Frogner brygge" and body["summary"] == "Public summary text"
    assert body["area"] == "0301-05" and body["stage"] == "programme"
    assert body["conditions"] is None and body["goals"] is None and body["solutions"] is None
    assert body["meetings"] is None and body["next_steps"] is None
    assert body["organisations"] == [{"name": "Acme Byutvikling", "slug": "acme", "role": "landowner"}]
    assert body["values"] == [
        {
            "kind": "social",
            "description": "A public square by the water",
            "role": "municipality",
            "organisation": None,
            "sdg_targets": ["11.7"],
            "hub_goals": [],
        }
    ]
    text = str(body)
    for secret in ("Secret notes text", "Meeting notes text", "Dana", "dana@example.org", "petra"):
        assert secret not in text
    listing = client.get(API).json()
    assert listing["count"] == 1 and listing["items"][0] == body


def test_all_parts_published(client, full_record, stella):
    services.publication_set(
        dialogue=full_record,
        actor=stella,
        parts=["summary", "conditions", "goals", "solutions", "meetings", "next_steps"],
    )
    body = client.get(f"{API}/{full_record.pk}").json()
    assert body["conditions"] == "Conditions text" and body["solutions"] == "Solutions text"
    assert body["meetings"] == ["2026-05-04"]
    assert body["next_steps"] == [{"title": "Send the land map", "due_on": None, "status": "open"}]
    assert "Secret notes text" not in str(body) and "Meeting notes text" not in str(body)


def test_other_hub_and_unknown(client, full_record, stella):
    services.publication_set(dialogue=full_record, actor=stella, parts=["summary"])
    assert client.get(f"/api/v1/hubs/sodertorn/dialogues/{full_record.pk}").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/dialogues").status_code == 404
    assert client.get(f"{API}/x").status_code == 422
