"""The admin has no password form of its own: /admin/login/ sends people to the site's login,
which is rate limited and locks an account out after repeated failures (django-allauth)."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import override_settings

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    user = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_the_admin_login_form_accepts_no_password(client, superuser):
    response = client.post("/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session


def test_the_admin_sends_a_stranger_to_the_sites_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    login_page = client.get(response["Location"])
    assert login_page.status_code == 302
    assert login_page["Location"].startswith("/accounts/login/?next=")


def test_staff_signed_in_at_the_site_reach_the_admin(client, superuser):
    client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_someone_signed_in_without_staff_rights_is_refused(client):
    user = UserFactory(email="mia@example.org")
    client.force_login(user)
    assert client.get("/admin/login/").status_code == 403
    assert client.get("/admin/").status_code == 302


def test_a_next_address_on_another_site_is_ignored(client, superuser):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/key"})
def test_after_the_lockout_neither_login_lets_the_right_password_in(client, superuser):
    for _ in range(4):
        client.post("/accounts/login/", {"login": superuser.email, "password": "wrong-password"})

    client.post("/admin/login/", {"username": superuser.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
