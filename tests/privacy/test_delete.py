"""Deleting an account: confirmed by e-mail and password, all in one transaction; contributions
stay with their counts and show "former participant"; the person cannot sign in again; the
address can register anew; the hub's other stewards are told."""

import pytest
from django.contrib.auth import get_user_model

from apps.accounts.models import ApiToken, Profile
from apps.audit.models import AuditEntry
from apps.hubs.models import Membership
from apps.initiatives.models import Follow, TeamMember
from apps.notifications.models import Notification, NotificationPreference
from apps.privacy import services
from tests.factories import PASSWORD, UserFactory
from tests.privacy.conftest import counts

URL = "/me/privacy/delete/"
User = get_user_model()


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def confirm(client, user, **overrides):
    return client.post(URL, {"email": user.email, "password": PASSWORD, **overrides})


def test_the_confirmation_page_needs_the_email_and_the_password(client, mia):
    login(client, mia)
    assert client.get(URL).status_code == 200
    for wrong in ({"email": "bob@example.org"}, {"password": "not-it"}, {"password": ""}):
        response = confirm(client, mia, **wrong)
        assert response.status_code == 400
    mia.refresh_from_db()
    assert mia.is_active and mia.deleted_at is None and mia.email == "mia@example.org"


def test_deleting_keeps_contributions_and_their_counts_and_shows_former_participant(
    client, mia, contributions
):
    from apps.accounts.services import api_token_create
    from apps.notifications.services import preference_set

    api_token_create(user=mia, name="Regneark")
    preference_set(user=mia, email="daily")
    Follow.objects.get_or_create(initiative=contributions.initiative, user=mia)
    TeamMember.objects.create(initiative=contributions.initiative, user=mia)
    before = counts()
    login(client, mia)
    response = confirm(client, mia)
    assert response.status_code == 302
    assert counts() == before
    assert client.get("/me/").status_code == 302  # signed out

    mia = User.objects.get(pk=mia.pk)
    assert mia.deleted_at is not None and not mia.is_active and not mia.has_usable_password()
    assert mia.email.endswith("@deleted.invalid") and mia.name == ""
    assert mia.display_name == "former participant"
    assert str(mia) == "former participant"
    for model, field in (
        (Profile, "user"),
        (Membership, "user"),
        (ApiToken, "user"),
        (NotificationPreference, "user"),
        (Follow, "user"),
        (TeamMember, "user"),
    ):
        assert not model.objects.filter(**{field: mia}).exists(), model
    assert not Notification.objects.filter(recipient=mia).exists()

    # Her idea and comment are still there, by a former participant.
    idea = contributions.idea
    idea.refresh_from_db()
    assert idea.author_id == mia.pk and idea.title == "Benker i parken"
    contributions.comment.refresh_from_db()
    assert contributions.comment.body == "Og trær."
    # Public pages say so (bob, signed in, and anyone else alike).
    client.logout()
    page = client.get(f"/oslo/ideas/hub/{idea.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mia Member" not in html and html.count("former participant") >= 2  # idea and comment

    # She is signed out and cannot sign in again.
    assert not client.login(email="mia@example.org", password=PASSWORD)
    response = client.post("/accounts/login/", {"login": "mia@example.org", "password": PASSWORD})
    assert response.status_code != 302 or "/me" not in response.get("Location", "")
    assert "_auth_user_id" not in client.session

    # The address can register anew.
    again = UserFactory(email="mia@example.org", name="Mia Again")
    assert again.pk != mia.pk


def test_the_audit_log_of_her_hub_records_it_without_her_name(mia, oslo):
    services.account_delete(user=mia, actor=mia)
    entry = AuditEntry.objects.get(action="privacy.account_delete")
    assert entry.hub == oslo and entry.actor_id == mia.pk
    assert "Mia" not in entry.target_repr


def test_stewards_of_her_hub_are_told_when_a_steward_leaves(
    stella, nora, mia, sven, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=stella, actor=stella)
    told = Notification.objects.filter(kind="privacy")
    assert [n.recipient for n in told] == [nora]  # not mia (a member), not sven (another hub)
    assert "Pådriv Oslo" in told[0].title
    assert told[0].url == "/oslo/manage/roles/"
    assert [m.to for m in mailoutbox] == [["nora@example.org"]]


def test_nobody_is_told_when_a_member_leaves(stella, mia):
    services.account_delete(user=mia, actor=mia)
    assert not Notification.objects.filter(kind="privacy").exists()


def test_only_the_person_deletes_their_account(mia, stella, root):
    from django.core.exceptions import PermissionDenied

    for actor in (stella, root):
        with pytest.raises(PermissionDenied):
            services.account_delete(user=mia, actor=actor)
    mia.refresh_from_db()
    assert mia.deleted_at is None


def test_a_failure_midway_changes_nothing(stella, nora, contributions, monkeypatch):
    """The steward notification comes last; when it fails, the scrubbing before it is undone."""

    def broken(*args, **kwargs):
        raise RuntimeError("the notification service failed")

    monkeypatch.setattr(services, "notify", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        services.account_delete(user=stella, actor=stella)
    stella = User.objects.get(pk=stella.pk)
    assert stella.deleted_at is None and stella.is_active and stella.email == "stella@example.org"
    assert stella.name == "Stella Steward" and stella.has_usable_password()
    assert Membership.objects.filter(user=stella, is_steward=True).exists()
    assert Profile.objects.filter(user=stella).exists()
    assert not AuditEntry.objects.filter(action="privacy.account_delete").exists()
    assert counts() == before


def test_deleting_twice_is_refused(mia):
    from django.core.exceptions import PermissionDenied

    services.account_delete(user=mia, actor=mia)
    mia = User.objects.get(pk=mia.pk)
    with pytest.raises(PermissionDenied):
        services.account_delete(user=mia, actor=mia)
