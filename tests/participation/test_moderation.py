"""Moderation: hiding with a reason, dismissing reports, the queue and the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.audit.services import audit_record
from apps.participation import services
from apps.participation.models import Report
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db


def test_hiding_an_idea_resolves_its_reports_and_writes_one_audit_entry(idea, vic, bob, stella):
    services.report_create(target=idea, reporter=vic, reason="Spam")
    services.report_create(target=idea, reporter=bob, reason="Advert")
    services.idea_hide(idea=idea, actor=stella, reason="Advertising")
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "Advertising"
    assert set(Report.objects.values_list("status", flat=True)) == {"hidden"}
    entry = AuditEntry.objects.get()
    assert (entry.hub, entry.actor, entry.action, entry.reason) == (
        idea.hub,
        stella,
        "participation.idea_hide",
        "Advertising",
    )
    assert entry.target_id == str(idea.pk) and entry.target_repr == idea.title
    assert len(entry.data["reports"]) == 2


def test_hiding_needs_a_reason(idea, stella):
    with pytest.raises(ValidationError):
        services.idea_hide(idea=idea, actor=stella, reason=" ")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["bob", "mia", "vic", "sven"])
def test_others_cannot_hide(request, idea, who):
    with pytest.raises(PermissionDenied):
        services.idea_hide(idea=idea, actor=request.getfixturevalue(who), reason="No")


def test_report_hide_and_dismiss(idea, vic, mia, nora):
    comment = make_comment(idea, mia, "Rude words")
    on_comment = services.report_create(target=comment, reporter=vic, reason="Rude")
    on_idea = services.report_create(target=idea, reporter=vic, reason="Meh")
    services.report_hide(report=on_comment, actor=nora, reason="Rude language")
    comment.refresh_from_db()
    assert comment.hidden and comment.hidden_reason == "Rude language"
    services.report_dismiss(report=on_idea, actor=nora, reason="Within the rules")
    on_idea.refresh_from_db()
    assert on_idea.status == "dismissed" and on_idea.resolved_by == nora
    with pytest.raises(ValidationError):
        services.report_dismiss(report=on_idea, actor=nora)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "participation.comment_hide",
        "participation.report_dismiss",
    ]


def test_board_cannot_dismiss(idea, vic, bob):
    report = services.report_create(target=idea, reporter=vic, reason="Spam")
    with pytest.raises(PermissionDenied):
        services.report_dismiss(report=report, actor=bob)


def test_audit_record_is_usable_by_others(oslo, stella, space, mia):
    idea = make_idea(space, mia)
    entry = audit_record(hub=oslo, actor=stella, action="other.thing", target=idea, data={"n": 1})
    assert entry.target_type.model == "idea" and entry.data == {"n": 1}
    none = audit_record(hub=oslo, actor=None, action="system.cleanup", target=None)
    assert none.actor is None and none.target_repr == ""


# Pages ------------------------------------------------------------------------------------


def test_queue_lists_open_reports_for_stewards_and_board_read_only(client, idea, vic, stella, bob):
    services.report_create(target=idea, reporter=vic, reason="Looks like spam")
    client.force_login(stella)
    page = client.get("/oslo/ideas/moderation/")
    assert page.status_code == 200
    assert "Looks like spam" in page.content.decode() and "Save decision" in page.content.decode()
    client.force_login(bob)
    page = client.get("/oslo/ideas/moderation/")
    assert page.status_code == 200
    assert "Looks like spam" in page.content.decode() and "Save decision" not in page.content.decode()
    report = Report.objects.get()
    assert (
        client.post(f"/oslo/ideas/moderation/reports/{report.pk}/", {"action": "dismiss"}).status_code == 403
    )


@pytest.mark.parametrize("who", ["mia", "vic", "sven", "olga"])
def test_queue_and_log_are_closed_to_others(request, client, oslo, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/oslo/ideas/moderation/").status_code == 403
    assert client.get("/oslo/manage/audit/").status_code == 403


def test_board_cannot_see_the_log(client, bob, oslo):
    client.force_login(bob)
    assert client.get("/oslo/manage/audit/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, oslo):
    response = client.get("/oslo/ideas/moderation/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deciding_from_the_queue(client, idea, vic, stella):
    report = services.report_create(target=idea, reporter=vic, reason="Spam")
    client.force_login(stella)
    # Hiding without a reason is refused with 400.
    response = client.post(f"/oslo/ideas/moderation/reports/{report.pk}/", {"action": "hide", "reason": ""})
    assert response.status_code == 400
    response = client.post(
        f"/oslo/ideas/moderation/reports/{report.pk}/", {"action": "hide", "reason": "Spam links"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.is_hidden
    log = client.get("/oslo/manage/audit/")
    assert log.status_code == 200
    assert "Hid an idea" in log.content.decode() and "Spam links" in log.content.decode()
    assert client.get("/oslo/ideas/moderation/log/")["Location"] == "/oslo/manage/audit/"  # old links arrive


def test_report_of_another_hub_is_404(client, idea, vic, sven, sodertorn):
    report = services.report_create(target=idea, reporter=vic, reason="Spam")
    client.force_login(sven)
    assert (
        client.post(f"/sodertorn/ideas/moderation/reports/{report.pk}/", {"action": "dismiss"}).status_code
        == 404
    )


def test_hidden_idea_shows_the_reason_to_others_and_content_to_author_and_moderators(
    client, space, mia, vic, stella, tom
):
    idea = make_idea(space, mia, title="Secret title", body="Secret body")
    services.idea_hide(idea=idea, actor=stella, reason="Personal data")
    url = idea.get_absolute_url()
    for viewer, sees in [(None, False), (vic, False), (mia, True), (stella, True), (tom, True)]:
        client.logout()
        if viewer:
            client.force_login(viewer)
        html = client.get(url).content.decode()
        assert "Hidden by the moderators: Personal data" in html
        assert ("Secret body" in html) is sees, viewer
    # Not in the list for others, in it for the author.
    client.logout()
    assert "Secret title" not in client.get("/oslo/ideas/i-gronn-gardsplass/").content.decode()
    client.force_login(mia)
    assert "Secret title" in client.get("/oslo/ideas/i-gronn-gardsplass/").content.decode()


def test_hidden_comment_is_replaced_for_others(client, idea, vic, mia, stella):
    comment = make_comment(idea, vic, "Nasty remark")
    services.comment_hide(comment=comment, actor=stella, reason="Rude")
    client.force_login(mia)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Hidden by the moderators: Rude" in html and "Nasty remark" not in html
    client.force_login(vic)
    assert "Nasty remark" in client.get(idea.get_absolute_url()).content.decode()


def test_moderate_view_by_team_and_refused_for_sven(client, idea, tom, sven):
    url = f"{idea.get_absolute_url()}moderate/"
    client.force_login(sven)
    assert client.post(url, {"action": "hide", "reason": "x"}).status_code == 403
    client.force_login(tom)
    assert client.post(url, {"action": "hide", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "hide", "reason": "Duplicate of another idea"}).status_code == 302
    assert client.post(url, {"action": "unhide"}).status_code == 302
    assert AuditEntry.objects.count() == 2
