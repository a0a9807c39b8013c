"""The matching API: suggestions for the signed-in member (token or session), an initiative's
suggestions for its team, the stewards' introductions; nobody unconsented in any answer."""

import pytest

from apps.accounts.services import api_token_create
from apps.matching.models import Introduction

pytestmark = pytest.mark.django_db

NEVER = ["uma", "pia", "sara", "mia", "byggmester"]


def bearer(user, scope="write"):
    _token, key = api_token_create(user=user, name="Skript", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_my_suggestions_with_a_read_token(client, cast, gina):
    response = client.get("/api/v1/hubs/oslo/matching/suggestions", **bearer(gina, "read"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["items"][0]["slug"] == "courtyard"
    assert body["items"][0]["reasons"]["competences"] == ["Gardening"]
    assert body["items"][0]["reasons"]["places"] == ["Tøyen"]


def test_my_suggestions_with_the_session(client, cast, gina):
    client.force_login(gina)
    assert client.get("/api/v1/hubs/oslo/matching/suggestions").json()["count"] == 1


def test_my_suggestions_need_signing_in_and_membership(client, cast, vic, sven):
    assert client.get("/api/v1/hubs/oslo/matching/suggestions").status_code == 401
    assert client.get("/api/v1/hubs/oslo/matching/suggestions", **bearer(vic)).status_code == 403
    assert client.get("/api/v1/hubs/oslo/matching/suggestions", **bearer(sven)).status_code == 403
    assert client.get("/api/v1/hubs/nowhere/matching/suggestions", **bearer(sven)).status_code == 404


def test_initiative_suggestions_hold_only_consented_members(client, cast, tom, stella, mia, sven):
    for person in (tom, stella):
        response = client.get("/api/v1/hubs/oslo/initiatives/courtyard/suggestions", **bearer(person, "read"))
        assert response.status_code == 200
        text = str(response.json()).lower()
        for name in NEVER:
            assert name not in text
        assert "gina gardener" in text and "acme byutvikling" in text
    for person in (mia, sven):
        assert (
            client.get("/api/v1/hubs/oslo/initiatives/courtyard/suggestions", **bearer(person)).status_code
            == 403
        )


def test_needs_are_public(client, courtyard):
    body = client.get("/api/v1/hubs/oslo/initiatives/courtyard/needs").json()
    assert {n["kind"] for n in body["items"]} == {"competence", "resource"}


def test_introductions_for_stewards_only(client, intro, stella, olga, sven):
    body = client.get("/api/v1/hubs/oslo/matching/introductions", **bearer(stella, "read")).json()
    assert body["items"][0]["name"] == "Gina Gardener"
    assert body["items"][0]["status"] == "introduced"
    for person in (olga, sven):
        assert client.get("/api/v1/hubs/oslo/matching/introductions", **bearer(person)).status_code == 403


def test_an_introduced_member_who_withdraws_consent_is_not_named(client, intro, stella, gina):
    gina.profile.consent_public_profile = False
    gina.profile.save()
    body = client.get("/api/v1/hubs/oslo/matching/introductions", **bearer(stella)).json()
    assert "gina" not in str(body).lower()


def test_a_steward_introduces_with_a_write_token(client, cast, stella, carl, uma, courtyard):
    url = "/api/v1/hubs/oslo/initiatives/courtyard/introductions"
    response = client.post(url, {"user_id": carl.pk}, content_type="application/json", **bearer(stella))
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Carl Carpenter"
    again = client.post(url, {"user_id": carl.pk}, content_type="application/json", **bearer(stella))
    assert again.status_code == 400
    refused = client.post(url, {"user_id": uma.pk}, content_type="application/json", **bearer(stella))
    assert refused.status_code == 400
    assert "uma" not in refused.content.decode().lower()
    read_only = client.post(
        url, {"user_id": carl.pk}, content_type="application/json", **bearer(stella, "read")
    )
    assert read_only.status_code == 403
    assert Introduction.objects.count() == 1
