"""Hub pages: who gets in, what a POST changes, and what bad input gets back."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext

from apps.hubs.models import RESERVED_SLUGS, ApplicationStatus, Hub, Membership, Partnership, WorkingGroup
from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
    consent,
)

PENDING, APPROVED, REJECTED = (
    ApplicationStatus.PENDING,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
)


@pytest.fixture
def application(oslo, vic):
    """Vic's pending application to Oslo."""
    return MembershipFactory(hub=oslo, user=vic, status=PENDING, decided_at=None)


@pytest.fixture
def partner_application(oslo):
    rep = UserFactory(email="rep@example.org")
    org = RepresentativeFactory(user=rep).organisation
    return PartnershipFactory(hub=oslo, organisation=org, status=PENDING, decided_at=None, applied_by=rep)


def text(response) -> str:
    return response.content.decode()


# Who gets in ---------------------------------------------------------------------------

LOGIN_REQUIRED_GET = [
    "/oslo/join/",
    "/oslo/partner/",
    "/oslo/groups/new/",
    "/oslo/groups/climate/edit/",
    "/oslo/manage/applications/",
    "/oslo/manage/roles/",
    "/oslo/manage/settings/",
]


@pytest.mark.parametrize("path", LOGIN_REQUIRED_GET)
def test_anonymous_visitors_are_sent_to_sign_in(client, climate_group, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


@pytest.mark.parametrize(
    "path",
    ["/oslo/leave/", "/oslo/groups/climate/membership/", "/oslo/manage/roles/1/"],
)
def test_anonymous_posts_are_sent_to_sign_in(client, climate_group, path):
    response = client.post(path, {"action": "join"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_anonymous_decision_is_sent_to_sign_in(client, application):
    response = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    application.refresh_from_db()
    assert application.status == PENDING


STEWARD_PAGES = [
    "/oslo/manage/applications/",
    "/oslo/manage/roles/",
    "/oslo/manage/settings/",
    "/oslo/groups/new/",
    "/oslo/groups/climate/edit/",
]


@pytest.mark.parametrize("path", STEWARD_PAGES)
@pytest.mark.parametrize("who", ["mia", "vic", "sven"])
def test_people_without_the_office_get_403_on_steward_pages(request, client, climate_group, path, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", STEWARD_PAGES)
def test_the_steward_opens_every_steward_page(client, stella, climate_group, path):
    client.force_login(stella)
    assert client.get(path).status_code == 200


def test_the_board_follows_the_applications_but_cannot_decide(client, bob, application):
    client.force_login(bob)
    page = client.get("/oslo/manage/applications/")
    assert page.status_code == 200
    assert "Vic Visitor" in text(page)
    assert f"/oslo/manage/memberships/{application.pk}/decide/" not in text(page)

    response = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == PENDING


def test_the_working_group_lead_edits_their_own_group(client, walter, climate_group):
    client.force_login(walter)
    assert client.get("/oslo/groups/climate/edit/").status_code == 200
    assert client.get("/oslo/groups/new/").status_code == 403


@pytest.mark.parametrize("who", ["mia", "sven"])
def test_a_decision_by_someone_without_the_office_is_403_and_changes_nothing(
    request, client, application, partner_application, who
):
    client.force_login(request.getfixturevalue(who))

    membership = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "approve"})
    partnership = client.post(
        f"/oslo/manage/partnerships/{partner_application.pk}/decide/", {"decision": "approve"}
    )

    assert (membership.status_code, partnership.status_code) == (403, 403)
    application.refresh_from_db()
    partner_application.refresh_from_db()
    assert application.status == partner_application.status == PENDING


def test_sven_cannot_change_roles_or_settings_in_oslo(client, oslo, sven, mia):
    client.force_login(sven)
    membership = Membership.objects.get(hub=oslo, user=mia)

    roles = client.post(f"/oslo/manage/roles/{membership.pk}/", {"is_steward": "on"})
    settings = client.post("/oslo/manage/settings/", {"name": "Taken", "place": "Oslo", "languages": ["nb"]})
    group = client.post("/oslo/groups/new/", {"name": "Sven's group"})

    assert (roles.status_code, settings.status_code, group.status_code) == (403, 403, 403)
    membership.refresh_from_db()
    oslo.refresh_from_db()
    assert not membership.is_steward
    assert oslo.name == "Pådriv Oslo"
    assert not WorkingGroup.objects.filter(name="Sven's group").exists()


def test_a_steward_of_oslo_cannot_decide_applications_to_sodertorn_through_an_oslo_address(
    client, stella, sodertorn
):
    # The application belongs to Södertörn; the Oslo address must not find it.
    elsewhere = MembershipFactory(hub=sodertorn, status=PENDING)
    client.force_login(stella)

    response = client.post(f"/oslo/manage/memberships/{elsewhere.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == PENDING


@pytest.mark.parametrize(
    "path", ["/nowhere/", "/nowhere/members/", "/nowhere/partners/", "/nowhere/groups/", "/nowhere/join/"]
)
def test_an_unknown_hub_is_404(client, vic, path):
    client.force_login(vic)
    assert client.get(path).status_code == 404


def test_an_unknown_working_group_or_member_is_404(client, oslo, mia):
    assert client.get("/oslo/groups/no-such-group/").status_code == 404
    # mia is a member but has not consented: her page does not exist for the public.
    assert client.get(f"/oslo/members/{mia.pk}/").status_code == 404


# Public pages --------------------------------------------------------------------------


def test_the_member_directory_shows_consented_members_only(client, oslo, stella, mia):
    consent(stella)
    MembershipFactory(hub=oslo, status=PENDING, user=consent(UserFactory(name="Pending Person")))

    response = client.get("/oslo/members/")

    assert response.status_code == 200
    assert "Stella Steward" in text(response)
    assert "Mia Member" not in text(response)
    assert "Pending Person" not in text(response)


def test_a_consented_members_page_is_public(client, oslo, stella):
    consent(stella)
    response = client.get(f"/oslo/members/{stella.pk}/")
    assert response.status_code == 200
    assert "Stella Steward" in text(response)
    assert "stella@example.org" not in text(response)


def test_the_member_directory_searches(client, oslo, stella, nora):
    consent(stella)
    consent(nora)
    response = client.get("/oslo/members/", {"q": "Nora"})
    assert "Nora Lead" in text(response)
    assert "Stella Steward" not in text(response)


@pytest.mark.parametrize("path", ["/", "/oslo/", "/oslo/partners/", "/oslo/groups/", "/oslo/groups/climate/"])
def test_public_pages_open_without_signing_in(client, petra, climate_group, path):
    assert client.get(path).status_code == 200


def test_the_partner_list_shows_approved_partners_only(client, oslo, petra):
    PartnershipFactory(hub=oslo, status=PENDING, organisation__name="Waiting AS")
    response = client.get("/oslo/partners/")
    assert "Acme Byutvikling" in text(response)
    assert "Waiting AS" not in text(response)


# Joining -------------------------------------------------------------------------------


def test_a_visitor_applies_to_join(client, oslo, stella, vic):
    client.force_login(vic)
    assert client.get("/oslo/join/").status_code == 200

    response = client.post("/oslo/join/", {"message": "I know about bike lanes."})

    assert response.status_code == 302
    assert response.url == "/oslo/"
    membership = Membership.objects.get(hub=oslo, user=vic)
    assert (membership.status, membership.message) == (PENDING, "I know about bike lanes.")


def test_a_second_application_is_400_with_the_reason(client, oslo, vic, application):
    client.force_login(vic)

    response = client.post("/oslo/join/", {"message": "Again"})

    assert response.status_code == 400
    assert "You have already applied to this hub." in text(response)
    assert Membership.objects.filter(hub=oslo, user=vic).count() == 1
    application.refresh_from_db()
    assert application.message == ""


def test_an_oversized_application_message_is_400_and_saves_nothing(client, oslo, vic):
    client.force_login(vic)

    response = client.post("/oslo/join/", {"message": "x" * 5000})

    assert response.status_code == 400
    assert "at most 2000 characters" in text(response)
    assert not Membership.objects.filter(user=vic).exists()


def test_a_closed_hub_is_400_on_join(client, oslo, vic):
    oslo.accepts_members = False
    oslo.save()
    client.force_login(vic)
    response = client.post("/oslo/join/", {"message": ""})
    assert response.status_code == 400
    assert "not taking new members" in text(response)
    assert not Membership.objects.filter(user=vic).exists()


def test_joining_needs_a_post_or_get(client, vic, oslo):
    client.force_login(vic)
    assert client.put("/oslo/join/").status_code == 405


def test_a_member_leaves(client, oslo, mia):
    client.force_login(mia)
    response = client.post("/oslo/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(hub=oslo, user=mia).exists()


def test_leaving_a_hub_you_are_not_in_is_404(client, oslo, vic):
    client.force_login(vic)
    assert client.post("/oslo/leave/").status_code == 404


def test_a_representative_applies_for_partnership(client, oslo, acme):
    rep = RepresentativeFactory(organisation=acme).user
    client.force_login(rep)

    response = client.post("/oslo/partner/", {"organisation": acme.pk, "contribution": "Rooms"})

    assert response.status_code == 302
    assert Partnership.objects.get(hub=oslo, organisation=acme).status == PENDING


def test_nobody_applies_for_an_organisation_they_do_not_represent(client, oslo, acme, vic):
    client.force_login(vic)
    response = client.post("/oslo/partner/", {"organisation": acme.pk})
    assert response.status_code == 400
    assert not Partnership.objects.filter(organisation=acme).exists()


# Deciding ------------------------------------------------------------------------------


def test_the_steward_sees_the_waiting_application(client, stella, application):
    client.force_login(stella)
    response = client.get("/oslo/manage/applications/")
    assert "Vic Visitor" in text(response)
    assert f"/oslo/manage/memberships/{application.pk}/decide/" in text(response)


def test_the_steward_approves_an_application(client, stella, application, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(stella)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 302
    assert response.url == "/oslo/manage/applications/"
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (APPROVED, stella)
    assert [m.to for m in mail.outbox] == [["vic@example.org"]]


def test_the_steward_rejects_with_a_reason(client, stella, application):
    client.force_login(stella)
    response = client.post(
        f"/oslo/manage/memberships/{application.pk}/decide/",
        {"decision": "reject", "reason": "Only residents of Oslo."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (REJECTED, "Only residents of Oslo.")


def test_the_steward_approves_a_partnership(client, stella, partner_application):
    client.force_login(stella)
    response = client.post(
        f"/oslo/manage/partnerships/{partner_application.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 302
    partner_application.refresh_from_db()
    assert partner_application.status == APPROVED


def test_a_rejection_without_a_reason_is_400_and_changes_nothing(client, stella, application):
    client.force_login(stella)

    response = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "reject"})

    assert response.status_code == 400
    assert "Give the applicant a reason when you reject an application." in text(response)
    application.refresh_from_db()
    assert application.status == PENDING


def test_the_error_is_in_norwegian_when_the_browser_asks_for_it(client, stella, application):
    english = "Give the applicant a reason when you reject an application."
    with translation.override("nb"):
        norwegian = gettext(english)
    assert norwegian != english, "no Norwegian translation for this message"
    client.force_login(stella)

    response = client.post(
        f"/oslo/manage/memberships/{application.pk}/decide/",
        {"decision": "reject"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )

    assert response.status_code == 400
    assert norwegian in text(response)
    assert english not in text(response)


@pytest.mark.parametrize("decision", ["maybe", "", "APPROVE", "approve; DROP TABLE"])
def test_a_bogus_decision_is_400(client, stella, application, decision):
    client.force_login(stella)
    response = client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": decision})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == PENDING


def test_an_oversized_reason_is_400(client, stella, application):
    client.force_login(stella)
    response = client.post(
        f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "reject", "reason": "x" * 5000}
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (PENDING, "")


def test_deciding_twice_is_400(client, stella, application):
    client.force_login(stella)
    client.post(f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "approve"})

    response = client.post(
        f"/oslo/manage/memberships/{application.pk}/decide/", {"decision": "reject", "reason": "Oops"}
    )

    assert response.status_code == 400
    assert "already been decided" in text(response)
    application.refresh_from_db()
    assert application.status == APPROVED


def test_a_decision_needs_a_post(client, stella, application):
    client.force_login(stella)
    assert client.get(f"/oslo/manage/memberships/{application.pk}/decide/").status_code == 405


# Roles and settings --------------------------------------------------------------------


def test_the_steward_gives_a_member_a_board_seat(client, oslo, stella, mia):
    membership = Membership.objects.get(hub=oslo, user=mia)
    client.force_login(stella)

    response = client.post(f"/oslo/manage/roles/{membership.pk}/", {"is_board": "on"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.is_steward, membership.is_network_lead, membership.is_board) == (False, False, True)


def test_the_roles_page_lists_members_consented_or_not(client, stella, mia):
    client.force_login(stella)
    response = client.get("/oslo/manage/roles/")
    assert "Mia Member" in text(response)


def test_the_steward_saves_the_hubs_settings(client, oslo, stella):
    client.force_login(stella)
    response = client.post(
        "/oslo/manage/settings/",
        {
            "name": "Pådriv Oslo",
            "tagline": "Byen vår",
            "place": "Oslo",
            "languages": ["nb", "en"],
            "timezone": "Europe/Oslo",
            "accepts_members": "on",
            "currency": "NOK",
            "hourly_rate": "450,50",
        },
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 302
    oslo.refresh_from_db()
    assert (oslo.tagline, oslo.languages, oslo.accepts_partners) == ("Byen vår", ["nb", "en"], False)
    assert (oslo.currency, oslo.hourly_rate) == ("NOK", Decimal("450.50"))


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("-1", "An amount cannot be negative."),
        ("1000000000000.01", "An amount can be at most 1 000 000 000 000."),
        ("12.345", "An amount can have at most two decimals."),
        ("tolv", "Enter an amount, e.g. 1500 or 1500.50."),
    ],
)
def test_a_bad_hourly_rate_is_400_with_the_reason_and_changes_nothing(client, oslo, stella, rate, message):
    client.force_login(stella)
    response = client.post(
        "/oslo/manage/settings/",
        {
            "name": "Pådriv Oslo",
            "tagline": "Ny",
            "place": "Oslo",
            "languages": ["nb"],
            "timezone": "Europe/Oslo",
            "currency": "NOK",
            "hourly_rate": rate,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    oslo.refresh_from_db()
    assert (oslo.tagline, oslo.hourly_rate) == ("", Decimal("0.00"))


def test_bad_settings_are_400_and_change_nothing(client, oslo, stella):
    client.force_login(stella)
    response = client.post(
        "/oslo/manage/settings/",
        {"name": "", "place": "Oslo", "languages": ["xx"], "timezone": "Europe/Oslo", "tagline": "t" * 500},
    )
    assert response.status_code == 400
    oslo.refresh_from_db()
    assert oslo.name == "Pådriv Oslo"


# Working groups ------------------------------------------------------------------------


def test_the_steward_creates_a_working_group(client, oslo, stella, mia):
    client.force_login(stella)

    response = client.post("/oslo/groups/new/", {"name": "Green Roofs", "theme": "Climate", "lead": mia.pk})

    group = WorkingGroup.objects.get(hub=oslo, name="Green Roofs")
    assert response.status_code == 302
    assert response.url == f"/oslo/groups/{group.slug}/"
    assert group.lead == mia


def test_a_lead_from_outside_the_hub_is_400(client, oslo, stella, sven):
    client.force_login(stella)
    response = client.post("/oslo/groups/new/", {"name": "Green Roofs", "lead": sven.pk})
    assert response.status_code == 400
    assert not WorkingGroup.objects.filter(name="Green Roofs").exists()


def test_an_oversized_group_description_is_400(client, stella):
    client.force_login(stella)
    response = client.post("/oslo/groups/new/", {"name": "Long", "description": "x" * 6000})
    assert response.status_code == 400
    assert not WorkingGroup.objects.filter(name="Long").exists()


def test_the_group_lead_cannot_hand_the_lead_to_someone_else(client, walter, mia, climate_group):
    client.force_login(walter)
    response = client.post(
        "/oslo/groups/climate/edit/", {"name": "Climate", "description": "Mondays", "lead": mia.pk}
    )
    climate_group.refresh_from_db()
    # The lead field is disabled for a group lead: the posted value is ignored.
    assert response.status_code == 302
    assert climate_group.lead == walter
    assert climate_group.description == "Mondays"


def test_a_member_joins_a_working_group(client, mia, climate_group):
    client.force_login(mia)
    response = client.post("/oslo/groups/climate/membership/", {"action": "join"})
    assert response.status_code == 302
    assert climate_group.members.filter(pk=mia.pk).exists()


def test_a_member_joining_twice_is_400(client, mia, climate_group):
    client.force_login(mia)
    client.post("/oslo/groups/climate/membership/", {"action": "join"})
    response = client.post("/oslo/groups/climate/membership/", {"action": "join"})
    assert response.status_code == 400
    assert "already in this working group" in text(response)


@pytest.mark.parametrize("who", ["vic", "sven"])
def test_non_members_cannot_join_a_working_group(request, client, climate_group, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post("/oslo/groups/climate/membership/", {"action": "join"})
    assert response.status_code == 403
    assert not climate_group.members.filter(pk=user.pk).exists()


def test_the_lead_cannot_leave_their_group_through_the_page(client, walter, climate_group):
    client.force_login(walter)
    response = client.post("/oslo/groups/climate/membership/", {"action": "leave"})
    assert response.status_code == 400
    assert climate_group.members.filter(pk=walter.pk).exists()


# Reserved addresses --------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_a_hub_cannot_take_a_reserved_address(db, slug):
    hub = Hub(slug=slug, name="Clash", place="Oslo")
    with pytest.raises(ValidationError) as info:
        hub.full_clean()
    assert "slug" in info.value.message_dict


@pytest.mark.parametrize("path", ["/me/", "/organisations/new/", "/competences/", "/api/v1/hubs", "/healthz"])
def test_site_wide_addresses_are_not_hubs(path):
    assert "hub_slug" not in resolve(path).kwargs


def test_a_reserved_address_gets_its_message_in_norwegian(db):
    with translation.override("nb"):
        hub = Hub(slug="admin", name="Clash", place="Oslo")
        with pytest.raises(ValidationError) as info:
            hub.full_clean()
        assert info.value.message_dict["slug"] == ["Denne adressen er reservert. Velg en annen."]


def test_a_working_group_page_names_only_members_who_consented(client, oslo, climate_group, walter, mia):
    from tests.factories import MembershipFactory, UserFactory, WorkingGroupMemberFactory, consent

    hidden = UserFactory(name="Hidden Person")
    MembershipFactory(hub=oslo, user=hidden)
    WorkingGroupMemberFactory(group=climate_group, user=hidden)
    WorkingGroupMemberFactory(group=climate_group, user=consent(mia))

    page = client.get(f"/oslo/groups/{climate_group.slug}/").content.decode()

    assert "Mia Member" in page
    assert "Hidden Person" not in page
    assert "Walter Lead" not in page  # the lead has not consented either
    assert "3 members" in page
    assert "2 members do not show their profile." in page


def test_stewards_see_how_many_applications_wait_on_the_hub_page(client, oslo, stella, vic, mia):
    MembershipFactory(hub=oslo, user=vic, status=ApplicationStatus.PENDING)
    client.force_login(stella)
    assert client.get("/oslo/").context["pending_count"] == 1
    client.force_login(mia)
    assert client.get("/oslo/").context["pending_count"] == 0


def test_a_steward_cannot_rename_their_hub_to_another_hubs_name(client, oslo, stella, sodertorn):
    client.force_login(stella)
    response = client.post(
        "/oslo/manage/settings/",
        {
            "name": "södertörn",
            "place": "Oslo",
            "languages": ["nb"],
            "timezone": "Europe/Oslo",
            "currency": "NOK",
            "hourly_rate": "0",
        },
    )
    assert response.status_code == 400
    assert "Another hub already has this name. Choose another." in response.content.decode()
    oslo.refresh_from_db()
    assert oslo.name == "Pådriv Oslo"


def test_the_database_refuses_two_hubs_with_one_name(oslo):
    from django.db import IntegrityError, transaction

    from apps.hubs.models import Hub

    with pytest.raises(IntegrityError), transaction.atomic():
        Hub.objects.create(slug="another", name="PÅDRIV OSLO", place="Oslo")
