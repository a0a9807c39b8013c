"""The read API: published entries and case studies only, paginated."""

import pytest

from apps.library import services

pytestmark = pytest.mark.django_db


def test_list_entries(client, published, proposal, oslo, stella):
    response = client.get("/api/v1/hubs/oslo/library/entries")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Utforskende møte"
    assert item["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert item["source_url"] is None and item["updated"]
    assert client.get("/api/v1/hubs/oslo/library/entries?q=utforskende&limit=1").json()["count"] == 1
    assert client.get("/api/v1/hubs/oslo/library/entries?q=nothing").json()["count"] == 0


def test_get_entry_never_a_draft(client, published, proposal):
    assert client.get(f"/api/v1/hubs/oslo/library/entries/{published.pk}").status_code == 200
    response = client.get(f"/api/v1/hubs/oslo/library/entries/{proposal.pk}")
    assert response.status_code == 404 and "detail" in response.json()
    assert client.get(f"/api/v1/hubs/sodertorn/library/entries/{published.pk}").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/library/entries").status_code == 404


def test_case_studies(client, case_study, lena):
    assert client.get("/api/v1/hubs/oslo/library/case-studies").json()["count"] == 0
    services.case_study_approve(actor=lena, entry=case_study)
    body = client.get("/api/v1/hubs/oslo/library/case-studies").json()
    assert body["count"] == 1 and body["items"][0]["initiative"] == "benches"
