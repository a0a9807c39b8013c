"""The partners API: public reads show what the pages show everyone; writes take a personal
token and obey the same rules as the pages."""

from decimal import Decimal

import pytest

from apps.accounts.services import api_token_create
from apps.partners import services
from apps.partners.models import Commitment

pytestmark = pytest.mark.django_db


def bearer(user, scope="write"):
    _token, key = api_token_create(user=user, name="Skript", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_reads_show_agreed_commitments_only(client, acme_in_courtyard, petra, olga, rated_oslo):
    agreed = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="hours", description="Dugnad", hours="7.5"
    )
    services.commitment_set_status(actor=olga, commitment=agreed, status="agreed")
    services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Tilbud", amount="9"
    )
    body = client.get("/api/v1/hubs/oslo/partners/commitments").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["description"], item["value"], item["currency"], item["initiative"]) == (
        "Dugnad",
        "3378.75",
        "NOK",
        "courtyard",
    )
    partners = client.get("/api/v1/hubs/oslo/initiatives/courtyard/partners").json()
    assert partners["items"][0]["name"] == "Acme Byutvikling"
    assert Decimal(partners["items"][0]["committed"]) == Decimal("3378.75")
    assert client.get("/api/v1/hubs/oslo/partners/commitments?organisation=nobody").json()["count"] == 0


def test_a_person_partner_without_consent_is_not_named(client, courtyard, olga, mia):
    services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, user=mia)
    body = client.get("/api/v1/hubs/oslo/initiatives/courtyard/partners").json()
    assert body["items"][0]["name"] == "A member of the hub"
    assert "mia" not in str(body).lower()


def test_a_partner_records_a_commitment_with_a_token(client, acme_in_courtyard, petra):
    response = client.post(
        f"/api/v1/hubs/oslo/partners/{acme_in_courtyard.pk}/commitments",
        {"kind": "money", "description": "Benker", "amount": "1500.50", "currency": "NOK"},
        content_type="application/json",
        **bearer(petra),
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "offered"
    assert Commitment.objects.get().amount == Decimal("1500.50")


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"kind": "money", "description": "X", "amount": "-1"}, 400, "amount"),
        ({"kind": "money", "description": "X", "amount": "1e13"}, 400, "amount"),
        ({"kind": "money", "description": "X", "amount": "1.001"}, 400, "amount"),
        ({"kind": "money", "description": "X", "amount": "10", "currency": "SEK"}, 400, "currency"),
        ({"kind": "money", "description": "X", "amount": "ti"}, 422, "amount"),
        ({"kind": "gift", "description": "X"}, 422, "kind"),
    ],
)
def test_bad_input_on_the_api_is_4xx_with_the_field_and_saves_nothing(
    client, acme_in_courtyard, petra, payload, status, field
):
    response = client.post(
        f"/api/v1/hubs/oslo/partners/{acme_in_courtyard.pk}/commitments",
        payload,
        content_type="application/json",
        **bearer(petra),
    )
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"] and any(field in problem["loc"] for problem in body["errors"])
    assert not Commitment.objects.exists()


def test_writes_need_a_token_that_may_write_and_a_person_who_may(client, acme_in_courtyard, petra, mia, sven):
    url = f"/api/v1/hubs/oslo/partners/{acme_in_courtyard.pk}/commitments"
    payload = {"kind": "money", "description": "X", "amount": "1"}
    assert client.post(url, payload, content_type="application/json").status_code == 401
    assert (
        client.post(
            url, payload, content_type="application/json", HTTP_AUTHORIZATION="Bearer alm_nope"
        ).status_code
        == 401
    )
    assert (
        client.post(url, payload, content_type="application/json", **bearer(petra, "read")).status_code == 403
    )
    assert client.post(url, payload, content_type="application/json", **bearer(mia)).status_code == 403
    assert client.post(url, payload, content_type="application/json", **bearer(sven)).status_code == 403
    assert (
        client.post(
            f"/api/v1/hubs/sodertorn/partners/{acme_in_courtyard.pk}/commitments",
            payload,
            content_type="application/json",
            **bearer(sven),
        ).status_code
        == 404
    )
    assert not Commitment.objects.exists()


def test_a_signed_in_browser_session_alone_cannot_write(client, acme_in_courtyard, petra):
    """No cookie-authenticated writes, so no cross-site request can make one."""
    client.force_login(petra)
    response = client.post(
        f"/api/v1/hubs/oslo/partners/{acme_in_courtyard.pk}/commitments",
        {"kind": "money", "description": "X", "amount": "1"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_the_team_agrees_through_the_api_and_a_revoked_token_stops_working(
    client, acme_in_courtyard, petra, olga
):
    from apps.accounts.models import ApiToken
    from apps.accounts.services import api_token_revoke

    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="X", amount="5"
    )
    headers = bearer(olga)
    url = f"/api/v1/hubs/oslo/partners/commitments/{commitment.pk}/status"
    response = client.post(
        url, {"status": "agreed", "note": "OK"}, content_type="application/json", **headers
    )
    assert response.status_code == 200 and response.json()["status"] == "agreed"
    again = client.post(url, {"status": "agreed"}, content_type="application/json", **headers)
    assert again.status_code == 400
    api_token_revoke(user=olga, token=ApiToken.objects.get(user=olga))
    assert (
        client.post(url, {"status": "delivered"}, content_type="application/json", **headers).status_code
        == 401
    )
