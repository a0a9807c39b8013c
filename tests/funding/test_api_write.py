"""Pledging through the API with a personal token: the same rules and refusals as the page."""

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.accounts.services import api_token_create
from apps.funding.models import Pledge

pytestmark = pytest.mark.django_db

URL = "/api/v1/hubs/oslo/initiatives/courtyard/campaign/pledges"


def bearer(user, scope="write"):
    _token, key = api_token_create(user=user, name="Skript", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, payload, **headers):
    return client.post(url, payload, content_type="application/json", **headers)


def test_a_resident_pledges_and_the_team_confirms(client, campaign, mia, olga):
    response = post(client, URL, {"amount": "250.50", "currency": "NOK", "public_name": "Mia"}, **bearer(mia))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["amount"], body["currency"], body["status"]) == ("250.50", "NOK", "pledged")
    campaign.refresh_from_db()
    assert campaign.pledged_total == Decimal("250.50")
    confirm = post(client, f"{URL}/{body['id']}/status", {"status": "received"}, **bearer(olga))
    assert confirm.status_code == 200 and confirm.json()["status"] == "received"
    assert (
        post(client, f"{URL}/{body['id']}/status", {"status": "received"}, **bearer(mia)).status_code == 403
    )


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"amount": "-10"}, 400),
        ({"amount": "0"}, 400),
        ({"amount": "1000000000000.01"}, 400),
        ({"amount": "10.001"}, 400),
        ({"amount": "10", "currency": "SEK"}, 400),
        ({"amount": "ti"}, 422),
        ({"amount": "10", "organisation": "acme"}, 403),
    ],
)
def test_bad_pledges_are_refused_and_nothing_is_saved(client, campaign, mia, payload, status):
    response = post(client, URL, payload, **bearer(mia))
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not Pledge.objects.exists()


def test_after_the_deadline_the_api_refuses(client, campaign, mia, clock):
    clock.shift(timedelta(days=9))
    response = post(client, URL, {"amount": "100"}, **bearer(mia))
    assert response.status_code == 400
    assert not Pledge.objects.exists()


def test_a_representative_pledges_for_acme(client, campaign, petra, acme):
    response = post(client, URL, {"amount": "1000", "organisation": "acme"}, **bearer(petra))
    assert response.status_code == 201, response.content
    assert Pledge.objects.get().organisation == acme


def test_no_token_no_pledge_and_a_read_token_cannot_pledge(client, campaign, mia):
    assert post(client, URL, {"amount": "10"}).status_code == 401
    assert post(client, URL, {"amount": "10"}, **bearer(mia, "read")).status_code == 403
    assert (
        post(
            client, "/api/v1/hubs/oslo/initiatives/nowhere/campaign/pledges", {"amount": "1"}, **bearer(mia)
        ).status_code
        == 404
    )
    assert not Pledge.objects.exists()
