"""The audit log is append-only: no route changes or deletes an entry (the model, the queryset,
the admin), and the hub's stewards can export it, filtered, as CSV."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.admin import AuditEntryAdmin
from apps.audit.models import AuditEntry, AuditEntryIsFinal
from apps.audit.services import audit_record
from tests.factories import UserFactory

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def entry(oslo, stella):
    return audit_record(hub=oslo, actor=stella, action="hubs.offices_change", target=None, label="Kari")


def test_an_entry_cannot_be_saved_again(entry):
    entry.reason = "rewritten"
    with pytest.raises(AuditEntryIsFinal):
        entry.save()
    entry.refresh_from_db()
    assert entry.reason == ""


def test_an_entry_cannot_be_deleted_one_by_one_or_in_bulk(entry):
    with pytest.raises(AuditEntryIsFinal):
        entry.delete()
    with pytest.raises(AuditEntryIsFinal):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditEntryIsFinal):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()


def test_an_actor_deleting_their_account_leaves_the_entry(entry, stella):
    stella.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.target_repr == "Kari"


def test_the_admin_can_only_look(rf, root, entry):
    from django.contrib import admin

    model_admin = AuditEntryAdmin(AuditEntry, admin.site)
    request = rf.get("/admin/audit/auditentry/")
    request.user = root
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_the_admin_refuses_a_post_that_deletes(client, root, entry):
    client.force_login(root)
    response = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code in (302, 403)
    response = client.post(
        "/admin/audit/auditentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# The CSV export ------------------------------------------------------------------------


@pytest.fixture
def log(oslo, sodertorn, stella, nora, sven, clock):
    clock.move_to(datetime(2026, 3, 1, 12, tzinfo=OSLO))
    audit_record(hub=oslo, actor=stella, action="hubs.membership_approve", target=None, label="Anna")
    clock.move_to(datetime(2026, 3, 2, 0, 30, tzinfo=OSLO))
    audit_record(
        hub=oslo,
        actor=nora,
        action="participation.idea_hide",
        target=None,
        label="=HYPERLINK()",
        reason="ads",
    )
    audit_record(hub=sodertorn, actor=sven, action="hubs.offices_change", target=None, label="Secret")


def rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    "who,status", [("stella", 200), ("nora", 200), ("bob", 403), ("mia", 403), ("sven", 403)]
)
def test_who_may_export(request, client, oslo, log, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/oslo/manage/audit/export.csv").status_code == status


def test_anonymous_visitors_cannot_export(client, oslo, log):
    response = client.get("/oslo/manage/audit/export.csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_export_holds_the_hubs_entries_filtered_and_safe_for_spreadsheets(client, stella, log):
    client.force_login(stella)
    response = client.get("/oslo/manage/audit/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="audit-oslo.csv"'
    header, *body = rows(response)
    assert header[0] == "When" and len(body) == 2
    assert [row[7] for row in body] == ["'=HYPERLINK()", "Anna"]
    assert body[0][0] == "2026-03-02T00:30:00+01:00" and body[0][4] == "participation.idea_hide"
    assert "Secret" not in response.content.decode()
    _header, *filtered = rows(client.get("/oslo/manage/audit/export.csv?who=stella"))
    assert [row[7] for row in filtered] == ["Anna"]


def test_a_bad_filter_exports_nothing(client, stella, log):
    client.force_login(stella)
    response = client.get("/oslo/manage/audit/export.csv?since=2026-03-05&until=2026-03-01")
    assert response.status_code == 400
    assert "The last day cannot come before the first." in response.content.decode()


def test_the_page_links_to_the_export_with_its_filters(client, stella, log):
    client.force_login(stella)
    html = client.get("/oslo/manage/audit/?who=nora").content.decode()
    assert "/oslo/manage/audit/export.csv?who=nora" in html


def test_the_export_takes_the_same_queries_however_long_the_log_is(client, oslo, stella, log):
    client.force_login(stella)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/oslo/manage/audit/export.csv").status_code == 200
        return len(ctx)

    small = count()
    for n in range(30):
        audit_record(hub=oslo, actor=UserFactory(), action="hubs.offices_change", target=oslo, label=f"x{n}")
    assert count() == small
