"""Partner pages: who sees and does what, and what bad input gets back."""

from decimal import Decimal

import pytest

from apps.partners import services
from apps.partners.models import Commitment, Partner

pytestmark = pytest.mark.django_db

INIT = "/oslo/partners/initiatives/courtyard/"


def test_anyone_reads_agreed_commitments_but_not_offers(client, acme_in_courtyard, petra, olga):
    agreed = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Benkepenger", amount="12500"
    )
    services.commitment_set_status(actor=olga, commitment=agreed, status="agreed")
    services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="in_kind", description="Hemmelig tilbud", amount="1"
    )
    page = client.get(INIT, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Benkepenger" in page and "Hemmelig tilbud" not in page
    assert "12\u00a0500,00\u00a0kr" in page
    client.force_login(petra)
    assert "Hemmelig tilbud" in client.get(INIT).content.decode()


def test_the_initiative_page_shows_its_partners(client, acme_in_courtyard):
    page = client.get("/oslo/initiatives/courtyard/").content.decode()
    assert "Acme Byutvikling" in page and INIT in page


def test_the_team_adds_a_partner(client, courtyard, olga, acme, petra):
    client.force_login(olga)
    response = client.post(
        INIT + "add/", {"organisation": acme.pk, "role": "landowner", "role_text": "Gården"}
    )
    assert response.status_code == 302
    assert Partner.objects.get().role == "landowner"


def test_adding_a_person_by_e_mail_that_is_no_member_is_400_and_says_why(client, courtyard, olga, vic):
    client.force_login(olga)
    response = client.post(
        INIT + "add/", {"email": vic.email, "role": "supporter"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only approved members of the hub can be added as partners." in response.content.decode()
    response = client.post(INIT + "add/", {"email": "nobody@example.org", "role": "supporter"})
    assert response.status_code == 400
    assert "Only approved members of the hub can be added as partners." in response.content.decode()
    assert not Partner.objects.exists()


def test_adding_nothing_or_both_is_400(client, courtyard, olga, acme, mia):
    client.force_login(olga)
    assert client.post(INIT + "add/", {"role": "supporter"}).status_code == 400
    both = {"organisation": acme.pk, "email": mia.email, "role": "supporter"}
    assert client.post(INIT + "add/", both).status_code == 400
    assert not Partner.objects.exists()


@pytest.mark.parametrize("who", ["mia", "tom", "sven", "vic"])
def test_others_cannot_add_partners(client, request, courtyard, acme, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(INIT + "add/", {"organisation": acme.pk, "role": "supporter"}).status_code == 403
    assert not Partner.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, courtyard, acme):
    response = client.post(INIT + "add/", {"organisation": acme.pk, "role": "supporter"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_hubs_address_for_the_initiative_is_404(client, courtyard, sodertorn, sven):
    client.force_login(sven)
    assert client.get("/sodertorn/partners/initiatives/courtyard/").status_code == 404


def test_a_partner_records_a_commitment_in_norwegian_numbers(client, acme_in_courtyard, petra):
    client.force_login(petra)
    url = f"/oslo/partners/p/{acme_in_courtyard.pk}/commit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "money", "description": "Benker", "amount": "1 500,50"}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 302
    assert Commitment.objects.get().amount == Decimal("1500.50")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100", "An amount cannot be negative."),
        ("2000000000000", "An amount can be at most 1 000 000 000 000."),
        ("1.999", "An amount can have at most two decimals."),
        ("", "Say how much money is committed."),
    ],
)
def test_a_bad_amount_is_400_with_the_reason_and_saves_nothing(
    client, acme_in_courtyard, petra, amount, message
):
    client.force_login(petra)
    response = client.post(
        f"/oslo/partners/p/{acme_in_courtyard.pk}/commit/",
        {"kind": "money", "description": "Benker", "amount": amount},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Commitment.objects.exists()


def test_someone_else_cannot_record_for_acme(client, acme_in_courtyard, mia, bjorn):
    for person in (mia, bjorn):
        client.force_login(person)
        response = client.post(
            f"/oslo/partners/p/{acme_in_courtyard.pk}/commit/",
            {"kind": "money", "description": "X", "amount": "1"},
        )
        assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_the_team_agrees_and_a_wrong_step_is_400(client, acme_in_courtyard, petra, olga, mia):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="hours", description="Dugnad", hours="10"
    )
    url = f"/oslo/partners/c/{commitment.pk}/status/"
    client.force_login(mia)
    assert client.post(url, {"status": "agreed"}).status_code == 403
    client.force_login(olga)
    assert client.post(url, {"status": "delivered"}).status_code == 400
    assert client.post(url, {"status": "offered"}).status_code == 400
    assert client.post(url, {"status": "agreed"}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "agreed"


def test_a_commitment_of_another_hub_is_404(client, acme_in_courtyard, petra, sodertorn, sven):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="X", amount="1"
    )
    client.force_login(sven)
    assert (
        client.post(f"/sodertorn/partners/c/{commitment.pk}/status/", {"status": "agreed"}).status_code == 404
    )
    assert client.get(f"/sodertorn/partners/p/{acme_in_courtyard.pk}/commit/").status_code == 404


def test_the_organisations_page_in_the_hub(client, acme_in_courtyard, acme_in_hub, petra, stella):
    services.commitment_set_status(
        actor=stella,
        commitment=services.commitment_offer(
            actor=petra, partner=acme_in_hub, kind="money", description="Medlemskontingent", amount="50000"
        ),
        status="agreed",
    )
    page = client.get("/oslo/partners/acme/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Medlemskontingent" in page and "Grønn gårdsplass" in page
    assert "50,000.00\u00a0kr" in page


def test_an_organisation_that_is_no_partner_here_has_no_page(client, bjorn, oslo, sodertorn, acme, petra):
    assert client.get("/oslo/partners/byggmester/").status_code == 404
    assert client.get("/sodertorn/partners/acme/").status_code == 404
    assert client.get("/oslo/partners/no-such-org/").status_code == 404


def test_a_representative_commits_to_the_hub(client, oslo, acme, petra, stella):
    client.force_login(petra)
    page = client.get("/oslo/partners/acme/")
    assert "/oslo/partners/acme/commit/" in page.content.decode()
    response = client.post(
        "/oslo/partners/acme/commit/", {"kind": "competence", "description": "Juridisk bistand", "amount": ""}
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert (partner.initiative, partner.organisation, partner.role) == (None, acme, "co_owner")


def test_only_acmes_people_commit_for_acme_and_only_partners_commit_to_the_hub(
    client, oslo, acme, petra, mia, bjorn
):
    client.force_login(mia)
    assert (
        client.post(
            "/oslo/partners/acme/commit/", {"kind": "money", "description": "X", "amount": "1"}
        ).status_code
        == 403
    )
    client.force_login(bjorn)
    assert client.get("/oslo/partners/byggmester/commit/").status_code == 404
    assert not Partner.objects.exists()


def test_the_hubs_partner_list_shows_what_each_commits(client, acme_in_courtyard, petra, olga):
    services.commitment_set_status(
        actor=olga,
        commitment=services.commitment_offer(
            actor=petra, partner=acme_in_courtyard, kind="money", description="X", amount="750"
        ),
        status="agreed",
    )
    page = client.get("/oslo/partners/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "/oslo/partners/acme/" in page and "750,00\u00a0kr" in page


def test_the_stewards_change_a_role_and_take_a_partner_off(client, acme_in_hub, stella, mia):
    url = f"/oslo/partners/p/{acme_in_hub.pk}/edit/"
    client.force_login(mia)
    assert client.get(url).status_code == 403
    client.force_login(stella)
    assert client.post(url, {"role": "funder", "role_text": "Hovedsponsor"}).status_code == 302
    acme_in_hub.refresh_from_db()
    assert acme_in_hub.role == "funder"
    assert client.post(url, {"role": "nonsense"}).status_code == 400
    assert client.post(url, {"role": "funder", "remove": "1"}).status_code == 302
    assert not Partner.objects.exists()


def test_hub_commitments_page_and_the_stewards_add_form(client, acme_in_hub, stella, mia):
    assert client.get("/oslo/partners/hub/").status_code == 200
    client.force_login(mia)
    assert "/oslo/partners/hub/add/" not in client.get("/oslo/partners/hub/").content.decode()
    client.force_login(stella)
    assert "/oslo/partners/hub/add/" in client.get("/oslo/partners/hub/").content.decode()


def test_my_page_lists_my_commitments_and_my_organisations(
    client, acme_in_courtyard, petra, courtyard, olga, mia, vic
):
    services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Acmes penger", amount="10"
    )
    mine = services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, user=mia)
    services.commitment_offer(actor=mia, partner=mine, kind="hours", description="Mias timer", hours="3")
    client.force_login(petra)
    page = client.get("/me/").content.decode()
    assert "Acmes penger" in page and "Mias timer" not in page
    client.force_login(mia)
    page = client.get("/me/").content.decode()
    assert "Mias timer" in page and "Acmes penger" not in page
    client.force_login(vic)
    assert "My commitments" not in client.get("/me/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
