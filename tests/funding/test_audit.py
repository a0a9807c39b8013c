"""Each decision leaves one audit entry: changes to a financing plan, opening and closing a
campaign, confirming or cancelling a pledge, matched funds, grant decisions. A refused change
leaves none."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.funding import services

pytestmark = pytest.mark.django_db


BUDGET = ("funding.cost_line_", "funding.source_")


def actions() -> list[str]:
    """The entries after the financing plan the fixtures fill in."""
    entries = AuditEntry.objects.order_by("pk").values_list("action", flat=True)
    return [action for action in entries if not action.startswith(BUDGET)]


def test_every_change_to_a_financing_plan(budget, olga, courtyard, mia):
    line = services.cost_line_add(budget=budget, actor=olga, description="Planks", planned="1000")
    services.cost_line_update(line=line, actor=olga, description="Planks", planned="1200", category="other")
    source = services.source_add(
        budget=budget, actor=olga, kind="municipal", description="Bydel", planned="800"
    )
    services.source_update(source=source, actor=olga, kind="municipal", description="Bydel", planned="900")
    services.source_delete(source=source, actor=olga)
    services.cost_line_delete(line=line, actor=olga)
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == [
        "funding.cost_line_add",
        "funding.cost_line_update",
        "funding.source_add",
        "funding.source_update",
        "funding.source_delete",
        "funding.cost_line_delete",
    ]
    assert entries[1].data["planned"] == "1200.00" and entries[1].target_repr == "Planks"
    assert {e.target_id for e in entries} == {str(courtyard.pk)}
    with pytest.raises(PermissionDenied):
        services.cost_line_add(budget=budget, actor=mia, description="Paint", planned="10")
    assert AuditEntry.objects.count() == len(entries)


def test_campaign_open_and_close(campaign, olga):
    assert actions() == ["funding.campaign_open"]
    services.campaign_close(campaign=campaign, actor=olga, reason="Fullfinansiert")
    entry = AuditEntry.objects.get(action="funding.campaign_close")
    assert entry.reason == "Fullfinansiert" and entry.data["status"] == "closed"


def test_a_refused_open_leaves_nothing(oslo, courtyard, olga):
    draft = services.campaign_create(initiative=courtyard, actor=olga, goal="10", deadline=oslo.today())
    with pytest.raises(ValidationError):
        services.campaign_open(campaign=draft, actor=olga)
    assert actions() == []


def test_closing_at_the_deadline_is_recorded_without_an_actor(campaign, clock):
    clock.shift(timedelta(days=8))
    services.close_due_campaigns()
    entry = AuditEntry.objects.get(action="funding.campaign_close")
    assert entry.actor is None and entry.data["status"] == "failed"


def test_pledge_decisions(campaign, mia, tom):
    first = services.pledge_create(campaign=campaign, actor=mia, amount="10")
    second = services.pledge_create(campaign=campaign, actor=mia, amount="20")
    services.pledge_decide(pledge=first, actor=tom, status="received")
    services.pledge_decide(pledge=first, actor=tom, status="received")  # the same value: nothing new
    services.pledge_decide(pledge=second, actor=tom, status="cancelled")
    assert actions() == ["funding.campaign_open", "funding.pledge_received", "funding.pledge_cancel"]


def test_match_funds(campaign, olga, acme):
    fund = services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, cap="100")
    services.match_fund_remove(fund=fund, actor=olga)
    assert actions()[-2:] == ["funding.match_add", "funding.match_remove"]


def test_grant_decisions(budget, olga):
    application = services.grant_create(
        budget=budget, actor=olga, funder="Stiftelsen", amount="10", status="submitted"
    )
    assert actions() == []
    services.grant_update(
        application=application, actor=olga, funder="Stiftelsen", amount="10", status="granted"
    )
    services.grant_update(
        application=application, actor=olga, funder="Stiftelsen", amount="10", status="granted"
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "funding.grant_decide" and entry.data["after"] == "granted"
