"""The results API: published results with targets and latest values, published reports, no
drafts and no private data; constant queries for a page."""

from datetime import date

import pytest

from apps.results import services
from tests.results.conftest import image_file, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(oslo, benches, olga, own_result, green_result):
    services.result_set_status(result=green_result, actor=olga, status="published")
    report = services.report_create(
        hub=oslo,
        initiative=benches,
        actor=olga,
        title="Fire",
        text="Fire benker",
        result=own_result,
        value="4.5",
        measured_on=date(2026, 6, 1),
        evidence_url="https://example.org/telling",
    )
    services.evidence_add(report=report, actor=olga, file=pdf_file(), name="Kvittering")
    services.photo_add(report=report, actor=olga, image=image_file(), alt_text="En benk")
    services.report_publish(report=report, actor=olga)
    services.report_create(hub=oslo, initiative=benches, actor=olga, title="Utkast", text="hemmelig")
    return report


def test_list_results(client, reported, own_result):
    body = client.get("/api/v1/hubs/oslo/results?space=i-benker").json()
    assert body["count"] == 2
    own, green = body["items"]
    assert own["title"] == "Tolv benker" and own["target"] in ("12", "12.0000")
    assert own["latest_value"] in ("4.5", "4.5000") and own["latest_measured_on"] == "2026-06-01"
    assert own["knowledge_indicator"] is None
    assert green["knowledge_indicator"] == {
        "code": "green_share",
        "name": "Green space",
        "unit": "%",
        "area": "030101",
        "latest_year": 2023,
        "latest_value": 24.5,
    }
    assert client.get("/api/v1/hubs/oslo/results?space=hub").json()["count"] == 0


def test_list_reports_has_no_drafts_and_no_private_data(client, reported):
    response = client.get("/api/v1/hubs/oslo/progress-reports")
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["title"] == "Fire" and item["photos"][0]["alt_text"] == "En benk"
    assert "Kvittering" not in response.text and "hemmelig" not in response.text
    assert "olga" not in response.text.lower()


def test_errors(client, oslo, reported):
    assert client.get("/api/v1/hubs/nope/results").status_code == 404
    assert client.get("/api/v1/hubs/oslo/results?space=i-nope").status_code == 404
    assert client.get("/api/v1/hubs/oslo/progress-reports?limit=x").status_code == 422


def test_constant_queries(client, oslo, benches, olga, reported, django_assert_max_num_queries):
    for n in range(5):
        result = services.result_create(
            hub=oslo,
            initiative=benches,
            actor=olga,
            title=f"R{n}",
            indicator_name="x",
            baseline="0",
            target="1",
            target_date=date(2027, 1, 1),
            publish=True,
        )
        report = services.report_create(
            hub=oslo, initiative=benches, actor=olga, title=f"P{n}", text="x", result=result, value="1"
        )
        services.photo_add(report=report, actor=olga, image=image_file(), alt_text="x")
        services.report_publish(report=report, actor=olga)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/hubs/oslo/results").json()["count"] == 7
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/hubs/oslo/progress-reports").json()["count"] == 6
