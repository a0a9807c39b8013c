"""list_overlaps: the stewards' review queue, session or token, leads only."""

import pytest
from django.test import Client

from apps.accounts.services import api_token_create
from apps.consolidation import services

URL = "/api/v1/hubs/oslo/consolidation/overlaps"


@pytest.fixture
def pair(oslo, toyen, hagegata):
    (pair,) = services.find_overlaps(hub=oslo)
    return pair


def bearer(user, scope="read"):
    _token, key = api_token_create(user=user, name="Skript", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_steward_reads_the_queue_by_session_and_by_token(stella, pair):
    client = Client()
    client.force_login(stella)
    body = client.get(URL).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["first"]["slug"] in {"gronn-gardsplass", "gront-gardsrom"}
    assert item["reasons"]["shared_goals"] == ["Grønne byrom"]
    assert item["reasons"]["distance_m"] > 0
    assert Client().get(URL, **bearer(stella)).json()["count"] == 1


@pytest.mark.parametrize("person", ["mia", "bob", "sven", "petra", "vic"])
def test_others_are_refused(request, pair, person):
    user = request.getfixturevalue(person)
    response = Client().get(URL, **bearer(user))
    assert response.status_code == 403
    assert "detail" in response.json()


def test_without_credentials_401_and_unknown_hub_404(stella, pair):
    assert Client().get(URL).status_code == 401
    assert Client().get("/api/v1/hubs/nowhere/consolidation/overlaps", **bearer(stella)).status_code == 404
