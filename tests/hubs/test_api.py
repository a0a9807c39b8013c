"""The read API: hubs and each hub's public members, partners and working groups."""

import pytest
from openapi_spec_validator import validate

from apps.hubs.models import ApplicationStatus
from tests.factories import (
    CompetenceFactory,
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
    consent,
)


def test_it_lists_hubs_with_their_counts(client, oslo, stella, mia, sodertorn, sven, climate_group, petra):
    MembershipFactory(hub=oslo, status=ApplicationStatus.PENDING)
    PartnershipFactory(hub=oslo, status=ApplicationStatus.PENDING)

    response = client.get("/api/v1/hubs")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    by_slug = {hub["slug"]: hub for hub in body["items"]}
    assert by_slug["oslo"]["name"] == "Pådriv Oslo"
    assert by_slug["oslo"]["url"] == "/oslo/"
    # stella, mia and walter (the climate group's lead) are approved; the pending one is not counted.
    assert (by_slug["oslo"]["member_count"], by_slug["oslo"]["partner_count"]) == (3, 1)
    assert by_slug["oslo"]["working_group_count"] == 1
    assert (by_slug["sodertorn"]["member_count"], by_slug["sodertorn"]["partner_count"]) == (1, 0)


def test_it_pages_hubs_with_limit_and_offset(client, db):
    for n in range(5):
        HubFactory(slug=f"hub-{n}", name=f"Hub {n}")

    response = client.get("/api/v1/hubs", {"limit": 2, "offset": 1})

    assert response.status_code == 200
    assert response.json()["count"] == 5
    assert [hub["slug"] for hub in response.json()["items"]] == ["hub-1", "hub-2"]


def test_it_shows_one_hub(client, oslo):
    response = client.get("/api/v1/hubs/oslo")
    assert response.status_code == 200
    assert response.json()["slug"] == "oslo"
    assert response.json()["accepts_members"] is True


@pytest.mark.parametrize("path", ["", "/members", "/partners", "/working-groups"])
def test_an_unknown_hub_is_404(client, db, path):
    response = client.get(f"/api/v1/hubs/nowhere{path}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"limit": -1}, {"limit": 0}, {"offset": "abc"}, {"offset": -5}, {"limit": "lots"}, {"limit": 10**6}],
)
@pytest.mark.parametrize("path", ["/api/v1/hubs", "/api/v1/hubs/oslo/members"])
def test_bad_pagination_is_a_client_error_not_a_crash(client, oslo, path, params):
    response = client.get(path, params)
    assert 400 <= response.status_code < 500


# Members ------------------------------------------------------------------------------


def test_members_are_only_approved_people_who_consented(client, oslo, stella, mia, sodertorn):
    consent(stella)
    # mia is approved but has not consented.
    pending = consent(MembershipFactory(hub=oslo, status=ApplicationStatus.PENDING).user)
    rejected = consent(MembershipFactory(hub=oslo, status=ApplicationStatus.REJECTED).user)
    elsewhere = consent(MembershipFactory(hub=sodertorn).user)

    response = client.get("/api/v1/hubs/oslo/members")

    assert response.status_code == 200
    ids = [member["id"] for member in response.json()["items"]]
    assert ids == [stella.pk]
    assert response.json()["count"] == 1
    for hidden in (mia, pending, rejected, elsewhere):
        assert hidden.pk not in ids


def test_contact_details_need_their_own_consent(client, oslo, stella, mia):
    for user, contact in ((stella, True), (mia, False)):
        user.profile.phone = "+47 22 00 00 00"
        user.profile.contact_email = f"public-{user.pk}@example.org"
        user.profile.headline = "Planner"
        user.profile.save()
        consent(user, contact=contact)

    members = {m["name"]: m for m in client.get("/api/v1/hubs/oslo/members").json()["items"]}

    assert members["Stella Steward"]["email"] == f"public-{stella.pk}@example.org"
    assert members["Stella Steward"]["phone"] == "+47 22 00 00 00"
    assert members["Mia Member"]["email"] is None
    assert members["Mia Member"]["phone"] is None
    assert members["Mia Member"]["headline"] == "Planner"


def test_the_login_address_is_never_published(client, oslo, stella):
    consent(stella, contact=True)  # consented, but gave no public contact e-mail
    response = client.get("/api/v1/hubs/oslo/members")
    assert "stella@example.org" not in response.content.decode()
    assert response.json()["items"][0]["email"] is None


def test_members_show_roles_and_competences(client, oslo, stella, nora, bob):
    planning, law = CompetenceFactory(slug="urban-planning"), CompetenceFactory(slug="law")
    for user in (stella, nora, bob):
        consent(user)
    nora.profile.competences.set([planning, law])

    members = {m["id"]: m for m in client.get("/api/v1/hubs/oslo/members").json()["items"]}

    assert members[stella.pk]["roles"] == ["member", "steward"]
    assert members[nora.pk]["roles"] == ["member", "network_lead"]
    assert members[bob.pk]["roles"] == ["member", "board"]
    assert members[nora.pk]["competences"] == ["law", "urban-planning"]


def test_members_can_be_filtered_by_competence(client, oslo, stella, mia):
    planning = CompetenceFactory(slug="urban-planning")
    consent(stella)
    consent(mia)
    mia.profile.competences.add(planning)

    response = client.get("/api/v1/hubs/oslo/members", {"competence": "urban-planning"})

    assert [m["id"] for m in response.json()["items"]] == [mia.pk]


# Partners and working groups ----------------------------------------------------------


def test_partners_are_only_approved_ones(client, oslo, petra, sodertorn):
    PartnershipFactory(hub=oslo, status=ApplicationStatus.PENDING, organisation__name="Waiting AS")
    PartnershipFactory(hub=oslo, status=ApplicationStatus.REJECTED, organisation__name="Refused AS")
    PartnershipFactory(hub=sodertorn, organisation__name="Elsewhere AB")

    response = client.get("/api/v1/hubs/oslo/partners")

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["items"]] == ["Acme Byutvikling"]
    partner = response.json()["items"][0]
    assert partner["slug"] == "acme"
    assert partner["partner_since"] is not None
    assert "petra@example.org" not in response.content.decode()


def test_working_groups_show_lead_and_member_count(client, oslo, climate_group, walter, mia, sodertorn):
    consent(walter)
    WorkingGroupMemberFactory(group=climate_group, user=mia)
    WorkingGroupFactory(hub=oslo, name="Arts", slug="arts")
    WorkingGroupFactory(hub=sodertorn, name="Elsewhere", slug="elsewhere")

    response = client.get("/api/v1/hubs/oslo/working-groups")

    assert response.status_code == 200
    groups = response.json()["items"]
    assert [g["slug"] for g in groups] == ["arts", "climate"]
    assert groups[0]["lead"] is None
    assert groups[1]["lead"] == "Walter Lead"
    assert groups[1]["member_count"] == 2


def test_a_lead_who_did_not_consent_is_not_named(client, oslo, climate_group, walter):
    group = client.get("/api/v1/hubs/oslo/working-groups").json()["items"][0]
    assert group["slug"] == "climate"
    assert group["lead"] is None
    assert group["member_count"] == 1

    consent(walter)
    group = client.get("/api/v1/hubs/oslo/working-groups").json()["items"][0]
    assert group["lead"] == "Walter Lead"


def test_organisation_numbers_of_partners_are_public_data(client, oslo):
    PartnershipFactory(hub=oslo, organisation=OrganisationFactory(org_number="974760673", name="Brreg"))
    partner = client.get("/api/v1/hubs/oslo/partners").json()["items"][0]
    assert partner["org_number"] == "974760673"


def test_the_api_needs_no_login_and_ignores_it(client, oslo, stella):
    # A steward sees nothing more through the API than anyone else.
    consent(UserFactory())  # not a member of anything
    anonymous = client.get("/api/v1/hubs/oslo/members").json()
    client.force_login(stella)
    signed_in = client.get("/api/v1/hubs/oslo/members").json()
    assert anonymous == signed_in == {"items": [], "count": 0, "next_cursor": None, "previous_cursor": None}


# The OpenAPI document -----------------------------------------------------------------


def test_the_openapi_document_is_valid(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert {"/api/v1/hubs", "/api/v1/hubs/{hub_slug}/members"} <= set(spec["paths"])
