"""Each decision leaves one audit entry: opening and closing a campaign, confirming or
cancelling a pledge, matched funds, grant decisions. A refused change leaves none."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from apps.audit.models import AuditEntry
from apps.funding import services

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


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
