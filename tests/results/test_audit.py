"""The final report is recorded in the hub's audit log; other changes are not decisions."""

import pytest

from apps.audit.models import AuditEntry
from apps.results import services

pytestmark = pytest.mark.django_db


def test_final_report_is_audited_once(oslo, benches, olga, stella, own_result):
    progress = services.report_create(hub=oslo, initiative=benches, actor=olga, title="Midt i", text="x")
    services.report_publish(report=progress, actor=olga)
    assert not AuditEntry.objects.exists()
    final = services.report_create(
        hub=oslo, initiative=benches, actor=olga, title="Slutt", text="x", is_final=True
    )
    services.report_publish(report=final, actor=stella)
    entry = AuditEntry.objects.get()
    assert entry.action == "results.final_report" and entry.actor == stella and entry.hub == oslo
    assert entry.target_repr == "Benker av gjenbrukt tre: Slutt"


def test_audit_log_page_knows_the_action(client, oslo, benches, olga, stella):
    final = services.report_create(
        hub=oslo, initiative=benches, actor=olga, title="Slutt", text="x", is_final=True
    )
    services.report_publish(report=final, actor=olga)
    client.force_login(stella)
    response = client.get("/oslo/manage/audit/?action=results.final_report")
    assert response.status_code == 200 and "Slutt" in response.text
