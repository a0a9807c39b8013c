"""An invitation by e-mail is for the invited address: only a signed-in person who has verified
that address (in any case) may accept it; anyone else is told it was for another address and
nothing changes. The same holds for team invitations and organisation representative invitations."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.initiatives import services
from apps.initiatives.models import TeamInvitation, TeamMember
from apps.organisations import services as organisation_services
from apps.organisations.models import Representative, RepresentativeInvitation
from tests.factories import UserFactory, verified_email

TOKEN = "a-secret-token-from-the-e-mail"


@pytest.fixture
def team_invitation(initiative, olga):
    return TeamInvitation.objects.create(
        initiative=initiative,
        email="newcomer@example.org",
        role="member",
        invited_by=olga,
        token_hash=services.invitation_token_hash(TOKEN),
        expires_at=timezone.now() + timedelta(days=14),
    )


@pytest.fixture
def representative_invitation(acme):
    return RepresentativeInvitation.objects.create(
        organisation=acme,
        email="newcomer@example.org",
        title="Board",
        token_hash=organisation_services.invitation_token_hash(TOKEN),
        expires_at=timezone.now() + timedelta(days=14),
    )


@pytest.fixture
def newcomer(db):
    user = UserFactory(email="Newcomer@Example.org")
    verified_email(user)
    return user


def test_the_invited_address_joins_the_team_whatever_its_case(initiative, team_invitation, newcomer):
    member = services.team_invitation_accept(initiative=initiative, token=TOKEN, user=newcomer)
    assert member.user == newcomer
    team_invitation.refresh_from_db()
    assert team_invitation.accepted_by == newcomer


def test_another_person_cannot_use_the_team_invitation(initiative, team_invitation, mia):
    verified_email(mia)
    with pytest.raises(ValidationError) as exc:
        services.team_invitation_accept(initiative=initiative, token=TOKEN, user=mia)
    assert exc.value.code == "other_address"
    assert "sent to another e-mail address" in exc.value.messages[0]
    assert not TeamMember.objects.filter(initiative=initiative, user=mia).exists()
    team_invitation.refresh_from_db()
    assert team_invitation.accepted_at is None  # still there for the right person


def test_the_address_must_be_verified(initiative, team_invitation, db):
    unverified = UserFactory(email="newcomer@example.org")  # signed up, not confirmed
    with pytest.raises(ValidationError) as exc:
        services.team_invitation_accept(initiative=initiative, token=TOKEN, user=unverified)
    assert exc.value.code == "other_address"
    verified_email(unverified, "newcomer@example.org")
    assert services.team_invitation_accept(initiative=initiative, token=TOKEN, user=unverified)


def test_a_second_verified_address_of_the_person_counts(initiative, team_invitation, mia):
    verified_email(mia, "NEWCOMER@example.org")
    assert services.team_invitation_accept(initiative=initiative, token=TOKEN, user=mia).user == mia


def test_the_team_join_page_tells_another_person_and_refuses_their_post(
    client, initiative, team_invitation, mia, newcomer
):
    path = f"/oslo/initiatives/{initiative.slug}/team/join/{TOKEN}/"
    client.force_login(mia)
    page = client.get(path)
    assert page.status_code == 403
    assert "sent to another e-mail address" in page.content.decode()
    refused = client.post(path, follow=True)
    assert "sent to another e-mail address" in refused.content.decode()
    assert not TeamMember.objects.filter(initiative=initiative, user=mia).exists()

    client.force_login(newcomer)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert TeamMember.objects.filter(initiative=initiative, user=newcomer).exists()


def test_the_invited_address_represents_the_organisation(acme, representative_invitation, newcomer):
    organisation_services.representative_invitation_accept(organisation=acme, token=TOKEN, user=newcomer)
    assert Representative.objects.filter(organisation=acme, user=newcomer).exists()


def test_another_person_cannot_use_the_representative_invitation(
    client, acme, representative_invitation, vic
):
    verified_email(vic)
    with pytest.raises(ValidationError) as exc:
        organisation_services.representative_invitation_accept(organisation=acme, token=TOKEN, user=vic)
    assert exc.value.code == "other_address"
    path = f"/organisations/acme/representatives/join/{TOKEN}/"
    client.force_login(vic)
    assert client.get(path).status_code == 403
    client.post(path)
    assert not Representative.objects.filter(organisation=acme, user=vic).exists()
    representative_invitation.refresh_from_db()
    assert representative_invitation.accepted_at is None
