"""The read API: agreements, versions (text and hash) and signature records without private
data; drafts only for whom the pages show them to; a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements import services
from tests.agreements.conftest import END, START, latest, sign
from tests.factories import OrganisationFactory, PartnershipFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_agreement_shape(client, signed, acme, bylab):
    body = client.get(f"/api/v1/hubs/oslo/agreements/{signed.pk}").json()
    version = signed.signed_version
    assert body["status"] == "signed" and body["title"] == signed.title
    assert body["signed_version"] == version.number and body["signed_sha256"] == version.sha256
    assert body["latest_version"] == 1
    assert [p["organisation_slug"] for p in body["parties"]] == [acme.slug, bylab.slug]
    assert body["starts_on"] == START.isoformat() and body["ends_on"] == END.isoformat()


def test_versions_have_text_and_hash(client, signed):
    body = client.get(f"/api/v1/hubs/oslo/agreements/{signed.pk}/versions").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["text"] == latest(signed).text and item["sha256"] == latest(signed).sha256


def test_signatures_carry_no_private_data(client, signed):
    response = client.get(f"/api/v1/hubs/oslo/agreements/{signed.pk}/signatures")
    body = response.json()
    assert body["count"] == 2
    assert set(body["items"][0]) == {
        "organisation",
        "organisation_slug",
        "representative",
        "version",
        "sha256",
        "signed_at",
    }
    assert {i["representative"] for i in body["items"]} == {"Petra Partner", "Ola Bylab"}
    assert "@" not in response.content.decode()


def test_list_and_verify(client, signed, agreement):
    body = client.get("/api/v1/hubs/oslo/agreements").json()
    assert body["count"] == 1 and body["items"][0]["id"] == signed.pk
    found = client.get(f"/api/v1/hubs/oslo/agreements/verify?sha256={signed.signed_version.sha256}").json()
    assert [(m["agreement_id"], m["version"]) for m in found["items"]] == [(signed.pk, 1)]
    assert len(found["items"][0]["signatures"]) == 2
    assert client.get(f"/api/v1/hubs/oslo/agreements/verify?sha256={'0' * 64}").json()["count"] == 0
    bad = client.get("/api/v1/hubs/oslo/agreements/verify?sha256=xyz")
    assert bad.status_code == 400 and bad.json()["detail"]


def test_drafts_are_hidden_from_visitors_and_non_parties(client, agreement, nils, sven, petra, mia):
    assert client.get("/api/v1/hubs/oslo/agreements").json()["count"] == 0
    for path in ("", "/versions", "/signatures"):
        assert client.get(f"/api/v1/hubs/oslo/agreements/{agreement.pk}{path}").status_code == 403
    for user in (nils, sven):
        client.force_login(user)
        assert client.get(f"/api/v1/hubs/oslo/agreements/{agreement.pk}").status_code == 403
    for user in (petra, mia):
        client.force_login(user)
        assert client.get(f"/api/v1/hubs/oslo/agreements/{agreement.pk}").status_code == 200


def test_unknown_and_other_hubs_are_404_and_bad_ids_422(client, signed, sodertorn):
    assert client.get("/api/v1/hubs/oslo/agreements/999999").status_code == 404
    assert client.get(f"/api/v1/hubs/sodertorn/agreements/{signed.pk}").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/agreements").status_code == 404
    assert client.get("/api/v1/hubs/oslo/agreements/abc").status_code == 422


def test_the_api_is_read_only(client, signed, stella):
    client.force_login(stella)
    for path in ("", "/versions", "/signatures"):
        response = client.post(
            f"/api/v1/hubs/oslo/agreements/{signed.pk}{path}", {}, content_type="application/json"
        )
        assert response.status_code == 405
    assert client.patch(f"/api/v1/hubs/oslo/agreements/{signed.pk}", {}).status_code == 405


def _grow(oslo, stella, n):
    for i in range(n):
        organisations = []
        for _ in range(2):
            organisation = OrganisationFactory()
            PartnershipFactory(hub=oslo, organisation=organisation)
            rep = RepresentativeFactory(organisation=organisation).user
            organisations.append((organisation, rep))
        agreement = services.agreement_create(
            hub=oslo,
            actor=stella,
            title=f"Avtale {i}",
            starts_on=START,
            ends_on=END,
            organisations=[o for o, _ in organisations],
        )
        services.agreement_open_for_signing(agreement=agreement, actor=stella)
        for organisation, rep in organisations:
            sign(agreement, rep, organisation)


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(client, oslo, stella):
    _grow(oslo, stella, 1)
    first = [_queries(client, "/api/v1/hubs/oslo/agreements")]
    from apps.agreements.models import Agreement

    pk = Agreement.objects.first().pk
    first.append(_queries(client, f"/api/v1/hubs/oslo/agreements/{pk}/signatures"))
    _grow(oslo, stella, 3)
    later = [_queries(client, "/api/v1/hubs/oslo/agreements")]
    later.append(_queries(client, f"/api/v1/hubs/oslo/agreements/{pk}/signatures"))
    assert later == first
