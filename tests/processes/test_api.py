"""The processes API: the template library and an initiative's phases, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.processes import services
from tests.processes.conftest import TODAY, make_initiative, phase

pytestmark = pytest.mark.django_db


def _get(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json(), len(captured)


def test_template_list(client, library):
    data, queries = _get(client, "/api/v1/process-templates")
    assert data["count"] == 4
    by_key = {t["key"]: t for t in data["items"]}
    assert set(by_key) == {"stedskaping-6-6", "new-hub", "idea-follow-up", "sodertorn-dialogue"}
    assert by_key["stedskaping-6-6"]["phase_count"] == 7
    assert by_key["stedskaping-6-6"]["total_days"] == 186
    assert by_key["new-hub"]["name"]["nb"] == "Nytt Pådriv (etablering)"
    assert queries <= 2


def test_template_detail(client, library):
    data, queries = _get(client, "/api/v1/process-templates/new-hub")
    assert [p["key"] for p in data["phases"]] == ["exploratory-meeting", "pre-project", "establishment"]
    first = data["phases"][0]
    assert first["duration_days"] == 1
    assert {"role", "text"} == set(first["activities"][0])
    assert {"key", "name", "kind", "required", "help"} == set(first["deliverables"][0])
    assert queries <= 4
    assert client.get("/api/v1/process-templates/nope").status_code == 404


def test_a_hubs_copy_is_not_in_the_public_library(client, library, oslo, stella):
    services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    data, _ = _get(client, "/api/v1/process-templates")
    assert data["count"] == 4 and len(data["items"]) == 4


def test_initiative_phases(client, run, initiative, stella):
    services.phase_close(phase_run=phase(run, 0), actor=stella, reason="ok")
    data, _ = _get(client, f"/api/v1/hubs/oslo/initiatives/{initiative.slug}/phases")
    assert [p["status"] for p in data][:3] == ["closed", "current", "upcoming"]
    assert data[0]["close_reason"] == "ok"
    assert data[0]["starts_on"] == TODAY.isoformat()
    assert {"key", "name", "kind", "required", "done", "done_at", "url"} == set(data[0]["deliverables"][0])
    assert isinstance(data[0]["overdue"], bool)


def test_initiative_phases_constant_queries(client, library, oslo, olga, stella):
    small = make_initiative(oslo, olga, slug="small")
    large = make_initiative(oslo, olga, slug="large")
    services.process_start(
        subject_initiative=small, template=library["new-hub"], starts_on=TODAY, actor=stella
    )
    services.process_start(
        subject_initiative=large, template=library["stedskaping-6-6"], starts_on=TODAY, actor=stella
    )
    _, few = _get(client, "/api/v1/hubs/oslo/initiatives/small/phases")
    _, many = _get(client, "/api/v1/hubs/oslo/initiatives/large/phases")
    assert few == many


def test_initiative_phases_without_a_run_and_unknown(client, oslo, olga):
    make_initiative(oslo, olga, slug="quiet")
    assert client.get("/api/v1/hubs/oslo/initiatives/quiet/phases").json() == []
    assert client.get("/api/v1/hubs/oslo/initiatives/nope/phases").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/initiatives/quiet/phases").status_code == 404
