"""Funding pages: who sees and does what, bad input answered with 400 and nothing saved, the
CSV export, the initiative page's panel, and hub scoping."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.funding import services
from apps.funding.models import Campaign, CostLine, FundingSource, GrantApplication, Pledge

pytestmark = pytest.mark.django_db

BASE = "/oslo/funding/i/courtyard"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_everyone_reads_the_budget(client, full_budget):
    response = client.get(f"{BASE}/budget/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Planks" in text and "Bydel" in text and "<progress" in text
    assert "Add a cost line" not in text


def test_the_team_adds_and_edits_lines(client, budget, tom):
    client.force_login(tom)
    response = client.post(
        f"{BASE}/budget/lines/",
        {
            "line-description": "Soil",
            "line-category": "materials",
            "line-planned": "1500.50",
            "line-actual": "",
        },
    )
    assert response.status_code == 302
    line = CostLine.objects.get()
    assert line.planned == Decimal("1500.50")
    assert client.get(f"{BASE}/budget/lines/{line.pk}/").status_code == 200
    response = client.post(
        f"{BASE}/budget/lines/{line.pk}/",
        {"description": "Soil", "category": "materials", "planned": "10", "actual": "9.99"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.actual == Decimal("9.99")
    assert client.post(f"{BASE}/budget/lines/{line.pk}/", {"delete": "1"}).status_code == 302
    assert not CostLine.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "cannot be negative"),
        ("1.005", "at most two decimals"),
        ("10000000000000", "at most 1 000 000 000 000"),
    ],
)
def test_bad_amounts_answer_400_and_save_nothing(client, budget, olga, value, message):
    client.force_login(olga)
    response = client.post(
        f"{BASE}/budget/lines/",
        {"line-description": "Soil", "line-category": "materials", "line-planned": value},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CostLine.objects.exists()


def test_volunteer_hours_through_the_page(client, budget, olga, oslo):
    oslo.hourly_rate = Decimal("300")
    oslo.save()
    client.force_login(olga)
    response = client.post(
        f"{BASE}/budget/sources/",
        {"source-kind": "volunteer_hours", "source-description": "Dugnad", "source-planned_hours": "10"},
    )
    assert response.status_code == 302
    assert FundingSource.objects.get().planned_hours == Decimal("10")
    assert (
        "3\u00a0000,00" in client.get(f"{BASE}/budget/").content.decode()
        or "3,000.00" in client.get(f"{BASE}/budget/").content.decode()
    )


@pytest.mark.parametrize("who", ["mia", "sven", "bob"])
def test_outsiders_cannot_edit(client, request, budget, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"{BASE}/budget/lines/", {"line-description": "X", "line-category": "other", "line-planned": "1"}
    )
    assert response.status_code == 403
    assert client.get(f"{BASE}/grants/").status_code == 403
    assert not CostLine.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, budget):
    response = client.post(f"{BASE}/budget/lines/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_hubs_address_is_404(client, courtyard, sodertorn, sven):
    client.force_login(sven)
    assert client.get("/sodertorn/funding/i/courtyard/budget/").status_code == 404
    assert client.get("/sodertorn/funding/i/courtyard/campaign/").status_code == 404


def test_csv_is_exact_and_safe(client, budget, olga):
    services.cost_line_add(budget=budget, actor=olga, description='=HYPERLINK("x")', planned="0.10")
    services.cost_line_add(budget=budget, actor=olga, description="Wood", planned="0.20")
    response = client.get(f"{BASE}/budget.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "'=HYPERLINK" in text
    assert "total,costs,,0.30" in text


def test_the_initiative_page_has_the_funding_panel(client, campaign, mia):
    services.pledge_create(campaign=campaign, actor=mia, amount="1000")
    text = client.get("/oslo/initiatives/courtyard/").content.decode()
    assert 'id="funding-panel-heading"' in text
    assert 'value="20"' in text  # 1 000 of 5 000
    assert f"{BASE}/budget/" in text


# Campaign ------------------------------------------------------------------------------------------


def test_the_team_drafts_a_campaign_and_sees_the_checklist(client, oslo, courtyard, olga, budget):
    client.force_login(olga)
    text = client.get(f"{BASE}/campaign/").content.decode()
    assert "Before the campaign can open" in text and "Draft a campaign" in text
    deadline = (oslo.today() + timedelta(days=30)).isoformat()
    response = client.post(f"{BASE}/campaign/edit/", {"goal": "20000", "deadline": deadline, "mode": "keep"})
    assert response.status_code == 302
    response = client.post(f"{BASE}/campaign/open/")
    assert response.status_code == 400
    assert "cannot open yet" in response.content.decode()
    assert Campaign.objects.get().status == "draft"


def test_a_campaign_with_a_past_deadline_is_refused(client, oslo, courtyard, olga):
    client.force_login(olga)
    deadline = (oslo.today() - timedelta(days=1)).isoformat()
    response = client.post(f"{BASE}/campaign/edit/", {"goal": "100", "deadline": deadline, "mode": "keep"})
    assert response.status_code == 400
    assert not Campaign.objects.exists()


def test_a_resident_pledges_and_the_total_moves(client, campaign, mia):
    client.force_login(mia)
    page = client.get(f"{BASE}/campaign/").content.decode()
    assert 'value="0"' in page and "Make a pledge" in page
    response = client.post(f"{BASE}/campaign/pledge/", {"amount": "2 500", "message": "Heia!"})
    assert response.status_code == 302
    page = client.get(f"{BASE}/campaign/").content.decode()
    assert 'value="50"' in page and "Heia!" in page


@pytest.mark.parametrize("amount", ["-10", "0", "10.001", "2000000000000"])
def test_a_bad_pledge_answers_400(client, campaign, mia, amount):
    client.force_login(mia)
    assert client.post(f"{BASE}/campaign/pledge/", {"amount": amount}).status_code == 400
    assert not Pledge.objects.exists()


def test_a_pledge_after_the_deadline_answers_400(client, campaign, mia, clock):
    clock.shift(timedelta(days=8))
    client.force_login(mia)
    response = client.post(f"{BASE}/campaign/pledge/", {"amount": "10"})
    assert response.status_code == 400
    assert "deadline has passed" in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_representative_may_pledge_for_the_organisation(client, campaign, petra, acme):
    client.force_login(petra)
    assert "Pledge for" in client.get(f"{BASE}/campaign/").content.decode()
    response = client.post(f"{BASE}/campaign/pledge/", {"amount": "100", "organisation": acme.pk})
    assert response.status_code == 302
    assert Pledge.objects.get().organisation == acme


def test_pledge_management(client, campaign, mia, tom, vic):
    pledge = services.pledge_create(campaign=campaign, actor=mia, amount="100", anonymous=True)
    client.force_login(vic)
    assert client.get(f"{BASE}/campaign/pledges/").status_code == 403
    assert client.post(f"{BASE}/campaign/pledges/{pledge.pk}/", {"status": "received"}).status_code == 403
    client.force_login(tom)
    text = client.get(f"{BASE}/campaign/pledges/").content.decode()
    assert "mia@example.org" in text
    assert client.post(f"{BASE}/campaign/pledges/{pledge.pk}/", {"status": "received"}).status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "received"


def test_the_public_page_hides_anonymous_pledgers(client, campaign, mia):
    services.pledge_create(campaign=campaign, actor=mia, amount="100", anonymous=True)
    text = client.get(f"{BASE}/campaign/").content.decode()
    assert "Mia Member" not in text and "Anonymous" in text


def test_matched_fund_through_the_page(client, campaign, olga, acme, mia):
    client.force_login(olga)
    response = client.post(
        f"{BASE}/campaign/match/", {"match-organisation": acme.pk, "match-ratio": "1", "match-cap": "500"}
    )
    assert response.status_code == 302
    services.pledge_create(campaign=campaign, actor=mia, amount="1000")
    text = client.get(f"{BASE}/campaign/").content.decode()
    assert 'value="30"' in text  # (1000 + 500) of 5000


def test_the_team_closes_early(client, campaign, olga, mia):
    services.pledge_create(campaign=campaign, actor=mia, amount="10")
    client.force_login(olga)
    assert client.post(f"{BASE}/campaign/close/", {"reason": "Vi fikk et tilskudd"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert client.post(f"{BASE}/campaign/close/").status_code == 400


def test_campaign_404_without_one(client, courtyard, olga):
    client.force_login(olga)
    assert client.post(f"{BASE}/campaign/pledge/", {"amount": "1"}).status_code == 404


# Grants --------------------------------------------------------------------------------------------


def test_grants_and_their_documents(client, budget, olga, mia, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(olga)
    response = client.post(
        f"{BASE}/grants/", {"funder": "Sparebankstiftelsen", "amount": "50000", "status": "submitted"}
    )
    assert response.status_code == 302
    application = GrantApplication.objects.get()
    assert (
        client.post(f"{BASE}/grants/", {"funder": "", "amount": "-1", "status": "planned"}).status_code == 400
    )
    response = client.post(
        f"{BASE}/grants/{application.pk}/documents/",
        {"file": SimpleUploadedFile("s.pdf", PDF), "name": "Søknaden"},
    )
    assert response.status_code == 302
    document = application.documents.get()
    download = client.get(f"{BASE}/grants/{application.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    bad = client.post(
        f"{BASE}/grants/{application.pk}/documents/", {"file": SimpleUploadedFile("s.pdf", b"<html>")}
    )
    assert bad.status_code == 400
    client.force_login(mia)
    assert client.get(f"{BASE}/grants/{application.pk}/documents/{document.pk}/").status_code == 403
    client.force_login(olga)
    response = client.post(
        f"{BASE}/grants/{application.pk}/",
        {"funder": "Sparebankstiftelsen", "amount": "50000", "status": "granted", "amount_granted": "45000"},
    )
    assert response.status_code == 302
    assert FundingSource.objects.get().planned == Decimal("45000.00")
