"""Budgets, campaigns, pledges, matched funds and grants through their services: exact sums,
the viability check, deadlines in the hub's time zone and every refused input."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from apps.funding import selectors, services
from apps.funding.models import Budget, Campaign, CostLine, FundingSource, GrantApplication, Pledge
from apps.initiatives.models import Permit
from apps.notifications.models import Notification
from apps.processes.models import Deliverable, PhaseRun, ProcessRun
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def summary_of(budget):
    return selectors.budget_summary(Budget.objects.select_related("hub").get(pk=budget.pk))


# Exact sums ------------------------------------------------------------------------------------


def test_sums_are_exact_to_the_ore(budget, olga):
    services.cost_line_add(budget=budget, actor=olga, description="A", planned="0.10")
    services.cost_line_add(budget=budget, actor=olga, description="B", planned="0.20")
    summary = summary_of(budget)
    assert summary.planned_costs == Decimal("0.30")  # 0.1 + 0.2 != 0.3 in float
    assert 0.1 + 0.2 != 0.3


def test_a_thousand_lines_of_one_ore_sum_to_ten_kroner(budget, olga):
    CostLine.objects.bulk_create(
        [
            CostLine(budget=budget, description=f"L{i}", planned=Decimal("0.01"), actual=Decimal("0.07"))
            for i in range(1000)
        ]
    )
    summary = summary_of(budget)
    assert summary.planned_costs == Decimal("10.00")
    assert summary.actual_costs == Decimal("70.00")
    assert isinstance(summary.planned_costs, Decimal)


def test_large_amounts_keep_their_ore(budget, olga):
    services.cost_line_add(budget=budget, actor=olga, description="Big", planned="999999999999.99")
    services.cost_line_add(budget=budget, actor=olga, description="Small", planned="0.01")
    assert summary_of(budget).planned_costs == Decimal("1000000000000.00")


def test_balance_and_completeness(budget, olga, oslo):
    summary = summary_of(budget)
    assert not summary.is_complete  # no cost line
    services.cost_line_add(budget=budget, actor=olga, description="Wood", planned="1500.50", actual="1499.95")
    services.source_add(
        budget=budget, actor=olga, kind="sponsor", description="Byggmakker", planned="1000.25"
    )
    summary = summary_of(budget)
    assert summary.planned_balance == Decimal("500.25")
    assert summary.actual_balance == Decimal("1499.95")
    assert not summary.is_complete
    assert summary.percent_funded == 66
    services.source_add(
        budget=budget, actor=olga, kind="crowdfunding", description="Spleis", planned="500.25"
    )
    summary = summary_of(budget)
    assert summary.planned_balance == Decimal("0.00")
    assert summary.is_complete
    assert selectors.budget_is_complete(summary)
    assert summary.percent_funded == 100


def test_volunteer_hours_are_stored_as_hours_and_valued_at_the_hub_rate(budget, olga, oslo):
    oslo.hourly_rate = Decimal("333.33")
    oslo.save()
    source = services.source_add(
        budget=budget,
        actor=olga,
        kind="volunteer_hours",
        description="Dugnad",
        planned_hours="7.5",
        actual_hours="3",
    )
    assert source.planned is None and source.planned_hours == Decimal("7.50")
    summary = summary_of(budget)
    assert summary.planned_funding == Decimal("2499.98")  # 7.5 × 333.33 = 2499.975 → half up
    assert summary.received_funding == Decimal("999.99")
    oslo.hourly_rate = Decimal("400")
    oslo.save()
    assert summary_of(budget).planned_funding == Decimal("3000.00")


def test_volunteer_hours_need_hours(budget, olga):
    with pytest.raises(ValidationError) as caught:
        services.source_add(
            budget=budget, actor=olga, kind="volunteer_hours", description="Dugnad", planned="100"
        )
    assert "planned_hours" in caught.value.error_dict


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("-1", "negative"),
        ("1000000000000.01", "too_large"),
        ("1.005", "decimals"),
        ("abc", "invalid"),
        ("NaN", "invalid"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_saved(budget, olga, value, code):
    with pytest.raises(ValidationError) as caught:
        services.cost_line_add(budget=budget, actor=olga, description="X", planned=value)
    assert caught.value.error_dict["planned"][0].code == code
    assert not CostLine.objects.exists()


def test_a_float_is_read_as_its_text(budget, olga):
    line = services.cost_line_add(budget=budget, actor=olga, description="X", planned=0.1)
    assert line.planned == Decimal("0.10")


def test_a_budget_is_created_on_its_first_line(oslo, courtyard, olga):
    unsaved = selectors.budget_for(hub=oslo, initiative=courtyard)
    assert unsaved.pk is None
    services.cost_line_add(budget=unsaved, actor=olga, description="Soil", planned="100")
    services.cost_line_add(
        budget=selectors.budget_for(hub=oslo, initiative=courtyard),
        actor=olga,
        description="Seeds",
        planned="50",
    )
    assert Budget.objects.filter(initiative=courtyard).count() == 1
    assert summary_of(Budget.objects.get(initiative=courtyard)).planned_costs == Decimal("150.00")


def test_a_hub_budget_is_for_its_leads(oslo, stella, olga):
    hub_budget = selectors.budget_for(hub=oslo, initiative=None)
    services.cost_line_add(budget=hub_budget, actor=stella, description="Rent", planned="12000")
    with pytest.raises(PermissionDenied):
        services.cost_line_add(budget=hub_budget, actor=olga, description="Rent", planned="1")


def test_outsiders_cannot_edit_a_budget(budget, mia, sven, vic):
    for person in (mia, sven, vic):
        with pytest.raises(PermissionDenied):
            services.cost_line_add(budget=budget, actor=person, description="X", planned="1")


# Viability --------------------------------------------------------------------------------------


def test_a_campaign_opens_only_when_viable(oslo, courtyard, olga, budget):
    draft = services.campaign_create(
        initiative=courtyard, actor=olga, goal="5000", deadline=oslo.today() + timedelta(days=10)
    )
    with pytest.raises(ValidationError) as caught:
        services.campaign_open(campaign=draft, actor=olga)
    assert caught.value.code == "not_viable"
    draft.refresh_from_db()
    assert draft.status == "draft"

    services.cost_line_add(budget=budget, actor=olga, description="Benches", planned="8000")
    services.source_add(
        budget=budget, actor=olga, kind="grant", description="Sparebankstiftelsen", planned="8000"
    )
    permit = Permit.objects.create(initiative=courtyard, what="Use of the courtyard", status="applied")
    check = selectors.viability(initiative=courtyard, summary=summary_of(budget))
    assert [c.ok for c in check.checks] == [True, False]
    with pytest.raises(ValidationError):
        services.campaign_open(campaign=draft, actor=olga)

    permit.status, permit.decided_on, permit.applied_on = "approved", oslo.today(), oslo.today()
    permit.save()
    Permit.objects.create(initiative=courtyard, what="Noise", status="not_needed")
    opened = services.campaign_open(campaign=draft, actor=olga)
    assert opened.status == "open" and opened.opened_at is not None


def test_the_process_permits_deliverable_must_be_done(oslo, courtyard, olga, full_budget):
    run = ProcessRun.objects.create(
        hub=oslo, initiative=courtyard, template_key="stedskaping-6-6", title="6+6", started_on=oslo.today()
    )
    phase = PhaseRun.objects.create(
        run=run,
        position=4,
        key="plan-permits",
        name="Plan and permits",
        starts_on=oslo.today(),
        due_on=oslo.today(),
    )
    deliverable = Deliverable.objects.create(
        phase_run=phase, key="permits", name="Permits granted", kind="document", required=True
    )
    check = selectors.viability(initiative=courtyard, summary=summary_of(full_budget))
    assert [(c.key, c.ok) for c in check.checks] == [("budget", True), ("permits", True), ("process", False)]
    deliverable.done = True
    deliverable.save()
    assert selectors.viability(initiative=courtyard, summary=summary_of(full_budget)).passes


def test_campaign_fields_are_checked(oslo, courtyard, olga):
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(initiative=courtyard, actor=olga, goal="0", deadline=oslo.today())
    assert caught.value.error_dict["goal"][0].code == "not_positive"
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(
            initiative=courtyard, actor=olga, goal="10", deadline=oslo.today() - timedelta(days=1)
        )
    assert caught.value.error_dict["deadline"][0].code == "past"
    with pytest.raises(ValidationError):
        services.campaign_create(
            initiative=courtyard, actor=olga, goal="10", deadline=oslo.today(), mode="lottery"
        )
    assert not Campaign.objects.exists()


def test_one_campaign_per_initiative(oslo, courtyard, olga):
    services.campaign_create(initiative=courtyard, actor=olga, goal="10", deadline=oslo.today())
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(initiative=courtyard, actor=olga, goal="10", deadline=oslo.today())
    assert caught.value.code == "duplicate"


def test_an_open_campaign_keeps_goal_and_deadline(campaign, olga):
    with pytest.raises(ValidationError) as caught:
        services.campaign_update(
            campaign=campaign, actor=olga, goal="1", deadline=campaign.deadline, mode=campaign.mode
        )
    assert caught.value.code == "not_draft"
    services.campaign_update(
        campaign=campaign,
        actor=olga,
        goal=campaign.goal,
        deadline=campaign.deadline,
        mode=campaign.mode,
        description="Nye benker",
    )
    campaign.refresh_from_db()
    assert campaign.description == "Nye benker"


# Pledges ---------------------------------------------------------------------------------------


def test_pledges_add_up_exactly_and_tell_the_team(campaign, mia, vic, olga, tom):
    services.pledge_create(campaign=campaign, actor=mia, amount="0.10")
    services.pledge_create(campaign=campaign, actor=vic, amount="0.20", anonymous=True, message="Lykke til!")
    campaign.refresh_from_db()
    assert campaign.pledged_total == Decimal("0.30")
    totals = selectors.campaign_totals(campaign)
    assert totals.pledged == Decimal("0.30") and totals.pledge_count == 2
    told = Notification.objects.filter(kind="funding").values_list("recipient__email", flat=True)
    assert set(told) == {"olga@example.org", "tom@example.org"}


@pytest.mark.parametrize(
    ("amount", "code"),
    [("-5", "negative"), ("0", "not_positive"), ("1000000000000.01", "too_large"), ("10.001", "decimals")],
)
def test_bad_pledge_amounts_are_refused(campaign, mia, amount, code):
    with pytest.raises(ValidationError) as caught:
        services.pledge_create(campaign=campaign, actor=mia, amount=amount)
    assert caught.value.error_dict["amount"][0].code == code
    assert not Pledge.objects.exists()


def test_a_pledge_in_another_currency_is_refused(campaign, mia):
    with pytest.raises(ValidationError) as caught:
        services.pledge_create(campaign=campaign, actor=mia, amount="100", currency="SEK")
    assert caught.value.error_dict["currency"][0].code == "currency"
    services.pledge_create(campaign=campaign, actor=mia, amount="100", currency="nok")
    assert Pledge.objects.count() == 1


def test_a_pledge_to_a_draft_or_closed_campaign_is_refused(oslo, courtyard, olga, mia, full_budget):
    draft = services.campaign_create(initiative=courtyard, actor=olga, goal="100", deadline=oslo.today())
    with pytest.raises(ValidationError) as caught:
        services.pledge_create(campaign=draft, actor=mia, amount="10")
    assert caught.value.code == "not_open"
    services.campaign_open(campaign=draft, actor=olga)
    services.campaign_close(campaign=draft, actor=olga)
    with pytest.raises(ValidationError) as caught:
        services.pledge_create(campaign=draft, actor=mia, amount="10")
    assert caught.value.code == "not_open"
    assert not Pledge.objects.exists()


def test_a_pledge_is_taken_until_the_end_of_the_deadline_day_in_the_hubs_zone(campaign, mia, clock, oslo):
    oslo_zone = ZoneInfo("Europe/Oslo")
    end_of_day = datetime.combine(campaign.deadline, datetime.min.time(), tzinfo=oslo_zone) + timedelta(
        hours=23, minutes=59
    )
    clock.move_to(end_of_day)
    services.pledge_create(campaign=campaign, actor=mia, amount="10")
    clock.move_to(
        end_of_day + timedelta(minutes=2)
    )  # just after midnight in Oslo (still the day before in UTC)
    with pytest.raises(ValidationError) as caught:
        services.pledge_create(campaign=campaign, actor=mia, amount="10")
    assert caught.value.code == "deadline"
    assert Pledge.objects.count() == 1


def test_anonymous_visitors_cannot_pledge(campaign):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.pledge_create(campaign=campaign, actor=AnonymousUser(), amount="10")


def test_a_representative_pledges_for_the_organisation(campaign, petra, acme, mia):
    pledge = services.pledge_create(campaign=campaign, actor=petra, amount="2500", organisation=acme)
    assert pledge.organisation == acme and pledge.shown_name == "Acme Byutvikling"
    with pytest.raises(PermissionDenied):
        services.pledge_create(campaign=campaign, actor=mia, amount="10", organisation=acme)
    assert Pledge.objects.count() == 1


def test_shown_names(campaign, mia):
    plain = services.pledge_create(campaign=campaign, actor=mia, amount="1")
    named = services.pledge_create(campaign=campaign, actor=mia, amount="1", public_name="Familien Hansen")
    hidden = services.pledge_create(campaign=campaign, actor=mia, amount="1", anonymous=True, public_name="X")
    assert (plain.shown_name, named.shown_name, hidden.shown_name) == ("Mia Member", "Familien Hansen", "")


def test_the_team_confirms_received_pledges(campaign, mia, olga, tom, vic):
    pledge = services.pledge_create(campaign=campaign, actor=mia, amount="250.50")
    other = services.pledge_create(campaign=campaign, actor=vic, amount="100")
    with pytest.raises(PermissionDenied):
        services.pledge_decide(pledge=pledge, actor=vic, status="received")
    services.pledge_decide(pledge=pledge, actor=tom, status="received")
    services.pledge_decide(pledge=other, actor=olga, status="cancelled")
    campaign.refresh_from_db()
    assert (campaign.pledged_total, campaign.received_total) == (Decimal("250.50"), Decimal("250.50"))
    with pytest.raises(ValidationError) as caught:
        services.pledge_decide(pledge=other, actor=olga, status="received")
    assert caught.value.code == "decided"
    assert Notification.objects.filter(recipient=mia, kind="funding").exists()


# Matched funds ----------------------------------------------------------------------------------


def test_a_sponsor_doubles_pledges_up_to_a_cap(campaign, olga, mia, vic, petra, acme):
    sponsor = OrganisationFactory(name="Obos")
    services.match_fund_add(campaign=campaign, actor=olga, organisation=sponsor, ratio="1", cap="1000")
    services.pledge_create(campaign=campaign, actor=mia, amount="300.10")
    services.pledge_create(campaign=campaign, actor=vic, amount="0.20")
    totals = selectors.campaign_totals(campaign)
    assert totals.matched == Decimal("300.30")
    assert totals.total == Decimal("600.60")
    services.pledge_create(campaign=campaign, actor=vic, amount="900")
    totals = selectors.campaign_totals(campaign)
    assert totals.matched == Decimal("1000.00")
    assert totals.total == Decimal("2200.30")


def test_a_sponsor_does_not_match_its_own_pledges(campaign, olga, petra, acme, mia):
    services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="0.5", cap="10000")
    services.pledge_create(campaign=campaign, actor=petra, amount="1000", organisation=acme)
    services.pledge_create(campaign=campaign, actor=mia, amount="0.03")
    assert selectors.campaign_totals(campaign).matched == Decimal("0.01")  # 0.015 rounds down


def test_match_fund_input_is_checked(campaign, olga, acme, mia):
    with pytest.raises(ValidationError):
        services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="0", cap="100")
    with pytest.raises(ValidationError):
        services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="1", cap="-1")
    with pytest.raises(PermissionDenied):
        services.match_fund_add(campaign=campaign, actor=mia, organisation=acme, ratio="1", cap="100")
    services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="1", cap="100")
    with pytest.raises(ValidationError):
        services.match_fund_add(campaign=campaign, actor=olga, organisation=acme, ratio="1", cap="100")


# Closing at the deadline ------------------------------------------------------------------------------


def test_all_or_nothing_below_goal_fails_and_releases_pledges(campaign, mia, vic, clock):
    services.pledge_create(campaign=campaign, actor=mia, amount="1000")
    clock.shift(timedelta(days=6))
    assert services.close_due_campaigns() == 0  # the deadline day has not passed yet
    clock.shift(timedelta(days=2))
    mail.outbox.clear()
    call_command("close_due_campaigns", stdout=open("/dev/null", "w"))  # noqa: SIM115
    campaign.refresh_from_db()
    assert campaign.status == "failed"
    assert campaign.pledged_total == Decimal("0.00")
    assert set(Pledge.objects.values_list("status", flat=True)) == {"cancelled"}
    assert Notification.objects.filter(recipient=mia, title__icontains="not reach").exists()
    assert services.close_due_campaigns() == 0  # idempotent


def test_reaching_the_goal_with_matched_funds_succeeds(campaign, olga, mia, clock):
    services.match_fund_add(
        campaign=campaign, actor=olga, organisation=OrganisationFactory(), ratio="1", cap="5000"
    )
    services.pledge_create(campaign=campaign, actor=mia, amount="2500")
    clock.shift(timedelta(days=8))
    assert services.close_due_campaigns() == 1
    campaign.refresh_from_db()
    assert campaign.status == "succeeded"
    assert Pledge.objects.get().status == "pledged"
    assert Notification.objects.filter(recipient=mia, title__icontains="reached its goal").exists()


def test_keep_what_you_raise_below_goal_closes(oslo, courtyard, olga, mia, full_budget, clock):
    created = services.campaign_create(
        initiative=courtyard, actor=olga, goal="5000", deadline=oslo.today(), mode="keep"
    )
    services.campaign_open(campaign=created, actor=olga)
    services.pledge_create(campaign=created, actor=mia, amount="10")
    clock.shift(timedelta(days=1))
    services.close_due_campaigns()
    created.refresh_from_db()
    assert created.status == "closed"
    assert Pledge.objects.get().status == "pledged"


# Grants -------------------------------------------------------------------------------------------


def test_a_granted_application_becomes_a_funding_source(budget, olga, stella):
    application = services.grant_create(
        budget=budget,
        actor=olga,
        funder="Sparebankstiftelsen",
        amount="50000",
        deadline=date(2026, 9, 1),
        status="submitted",
    )
    assert not FundingSource.objects.exists()
    services.grant_update(
        application=application,
        actor=stella,
        funder="Sparebankstiftelsen",
        amount="50000",
        status="granted",
        amount_granted="40000.50",
    )
    source = FundingSource.objects.get()
    assert (source.kind, source.planned, source.grant_application_id) == (
        "grant",
        Decimal("40000.50"),
        application.pk,
    )
    assert summary_of(budget).planned_funding == Decimal("40000.50")
    with pytest.raises(ValidationError):
        services.source_delete(source=source, actor=olga)
    services.grant_update(
        application=application, actor=olga, funder="Sparebankstiftelsen", amount="50000", status="rejected"
    )
    assert not FundingSource.objects.exists()


def test_grant_input_and_permissions(budget, olga, mia, sven):
    with pytest.raises(ValidationError):
        services.grant_create(budget=budget, actor=olga, funder="", amount="10")
    with pytest.raises(ValidationError):
        services.grant_create(budget=budget, actor=olga, funder="X", amount="-10")
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.grant_create(budget=budget, actor=person, funder="X", amount="10")
    assert not GrantApplication.objects.exists()


def test_grant_documents_are_checked_whole_and_private(budget, olga, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    application = services.grant_create(budget=budget, actor=olga, funder="Stiftelsen", amount="10")
    document = services.grant_document_add(
        application=application, actor=olga, file=SimpleUploadedFile("søknad.pdf", PDF), name="Søknad"
    )
    assert document.extension == "pdf" and document.file.storage.__class__.__name__ == "PrivateStorage"
    for name, data in [("evil.pdf", b"GIF89a<html><script>alert(1)</script>"), ("x.exe", b"MZ")]:
        with pytest.raises(ValidationError) as caught:
            services.grant_document_add(
                application=application, actor=olga, file=SimpleUploadedFile(name, data)
            )
        assert caught.value.error_dict["file"][0].code == "file_type"
    assert application.documents.count() == 1
