"""No account enumeration: inviting an address to a team answers the same, and sends the same
e-mail, whether or not the address has an account; the link works after signing up."""

import re

import pytest
from django.contrib.auth import get_user_model

from apps.initiatives.models import TeamInvitation, TeamMember
from tests.factories import PASSWORD, UserFactory, verified_email


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def team_url(initiative):
    return f"/oslo/initiatives/{initiative.slug}/team/"


def invite(client, team_url, email, capture):
    with capture(execute=True):
        return client.post(team_url, {"email": email, "role": "member"}, follow=True)


def normalise(text: str, email: str) -> str:
    text = text.replace(email, "EMAIL")
    text = re.sub(r"team/join/[^/\s]+/", "team/join/TOKEN/", text)
    text = re.sub(r"[A-Za-z0-9]{64}", "CSRF", text)
    return re.sub(r"name=\"_form_token\" value=\"[^\"]*\"", "FORM-TOKEN", text)  # one per rendered form


def test_inviting_answers_the_same_for_known_and_unknown_addresses(
    client, initiative, walter, mia, team_url, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, walter)
    known = invite(client, team_url, "mia@example.org", django_capture_on_commit_callbacks)
    unknown = invite(client, team_url, "nobody@example.org", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert normalise(known.content.decode(), "mia@example.org") == normalise(
        unknown.content.decode(), "nobody@example.org"
    )
    assert [m.to for m in mailoutbox] == [["mia@example.org"], ["nobody@example.org"]]
    first, second = mailoutbox
    assert first.subject == second.subject
    assert normalise(first.body, "mia@example.org") == normalise(second.body, "nobody@example.org")
    # Nobody joined yet: mia is in the team only when she accepts.
    assert not TeamMember.objects.filter(initiative=initiative, user=mia).exists()


def test_the_link_works_after_signing_up(
    client, initiative, walter, team_url, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, walter)
    invite(client, team_url, "Newcomer@Example.org", django_capture_on_commit_callbacks)
    link = re.search(r"http\S+/team/join/\S+/", mailoutbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else "/" + link.split("/", 3)[3]
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    newcomer = UserFactory(email="newcomer@example.org", name="Nina Newcomer")  # signs up
    verified_email(newcomer)  # and confirms the address
    login(client, newcomer)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    member = TeamMember.objects.get(initiative=initiative, user=newcomer)
    assert member.role == "member"
    # Used up: the same link does nothing more.
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_a_wrong_or_expired_token_is_refused(
    client, initiative, walter, mia, team_url, clock, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    login(client, walter)
    invite(client, team_url, "mia@example.org", django_capture_on_commit_callbacks)
    path = "/" + re.search(r"http\S+/team/join/\S+/", mailoutbox[0].body).group(0).split("/", 3)[3]
    client.logout()
    login(client, mia)
    assert client.get(path.replace("/join/", "/join/x")).status_code == 404
    clock.shift(timedelta(days=15))
    assert client.get(path).status_code == 404
    assert not TeamMember.objects.filter(user=mia).exists()


def test_inviting_again_renews_the_invitation(
    client, initiative, walter, team_url, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, walter)
    invite(client, team_url, "nobody@example.org", django_capture_on_commit_callbacks)
    invite(client, team_url, "NOBODY@example.org", django_capture_on_commit_callbacks)
    assert TeamInvitation.objects.filter(initiative=initiative, accepted_at__isnull=True).count() == 1
    first = "/" + re.search(r"http\S+/team/join/\S+/", mailoutbox[0].body).group(0).split("/", 3)[3]
    UserFactory(email="nobody@example.org")
    login(client, get_user_model().objects.get(email="nobody@example.org"))
    assert client.get(first).status_code == 404  # the older link stopped working


def test_only_the_owner_and_the_hubs_leads_invite(client, initiative, stella, mia, sven, team_url):
    for user in (mia, sven):
        login(client, user)
        assert client.post(team_url, {"email": "x@example.org", "role": "member"}).status_code == 403
        client.logout()
    login(client, stella)
    assert client.post(team_url, {"email": "x@example.org", "role": "member"}).status_code == 302
    assert TeamInvitation.objects.count() == 1


def test_a_bad_address_is_refused_with_a_message(client, initiative, walter, team_url, mailoutbox):
    login(client, walter)
    response = client.post(team_url, {"email": "not an address", "role": "member"})
    assert response.status_code == 400
    assert not TeamInvitation.objects.exists() and not mailoutbox


def test_password_reset_does_not_reveal_accounts(client, mia, mailoutbox):
    known = client.post("/accounts/password/reset/", {"email": "mia@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code
    assert known.get("Location") == unknown.get("Location")
