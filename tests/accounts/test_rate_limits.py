"""Sign-up and sign-in are rate limited per IP address (ACCOUNT_RATE_LIMITS).

The tests tighten the limits so that a few requests show them working; the production
values live in allmenning/settings/base.py.
"""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import override_settings

from apps.accounts.models import User
from tests.factories import PASSWORD, UserFactory


def limits(**overrides: str) -> dict[str, str]:
    return {**settings.ACCOUNT_RATE_LIMITS, **overrides}


def signup(client, n: int, ip: str = "192.0.2.1"):
    return client.post(
        "/accounts/signup/",
        {"email": f"newcomer{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=ip,
    )


def login(client, email: str, password: str, ip: str = "192.0.2.1"):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def verified_user(email: str) -> User:
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_a_verified_person_signs_in(client):
    # The control for the tests below: without hitting a limit, this login works.
    user = verified_user("mia@example.org")
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_production_settings_limit_signup_and_login():
    assert settings.ACCOUNT_RATE_LIMITS["signup"]
    assert settings.ACCOUNT_RATE_LIMITS["login"]
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"]


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=limits(signup="2/m/ip"))
def test_the_third_signup_from_one_address_in_a_minute_is_refused(client):
    assert signup(client, 1).status_code == 302
    client.logout()
    assert signup(client, 2).status_code == 302
    client.logout()

    response = signup(client, 3)

    assert response.status_code == 429
    assert not User.objects.filter(email="newcomer3@example.org").exists()
    assert User.objects.filter(email__startswith="newcomer").count() == 2


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=limits(signup="2/m/ip"))
def test_another_address_may_still_sign_up(client):
    for n in (1, 2, 3):
        signup(client, n)
        client.logout()

    response = signup(client, 4, ip="198.51.100.7")

    assert response.status_code == 302
    assert User.objects.filter(email="newcomer4@example.org").exists()


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=limits(signup="2/m/ip"))
def test_looking_at_the_signup_form_does_not_count(client):
    for _ in range(5):
        assert client.get("/accounts/signup/", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert signup(client, 1).status_code == 302


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=limits(login="3/m/ip", login_failed="100/m/ip"))
def test_logins_from_one_address_are_limited(client):
    user = verified_user("mia@example.org")
    for _ in range(3):
        assert login(client, user.email, "wrong password").status_code == 200

    response = login(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=limits(login="100/m/ip", login_failed="100/m/ip,3/5m/key"))
def test_failed_logins_for_one_account_are_limited_even_with_the_right_password(client):
    user = verified_user("mia@example.org")
    for n in range(3):
        # Spread over addresses: the per-account limit holds regardless.
        login(client, user.email, "wrong password", ip=f"203.0.113.{n}")

    response = login(client, user.email, PASSWORD, ip="203.0.113.99")

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
