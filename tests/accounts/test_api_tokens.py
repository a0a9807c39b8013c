"""Personal API tokens: made and shown once, stored as a fingerprint, revoked by their owner."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts import services
from apps.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_only_its_fingerprint_is_kept(mia):
    token, key = services.api_token_create(user=mia, name="Regneark")
    assert key.startswith("alm_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiToken.objects.values_list())
    assert services.api_token_user(key) == (mia, token)
    assert services.api_token_user(key + "x") is None
    assert services.api_token_user("") is None


def test_an_inactive_person_s_token_does_nothing(mia):
    _token, key = services.api_token_create(user=mia, name="Regneark")
    mia.is_active = False
    mia.save()
    assert services.api_token_user(key) is None


def test_only_the_owner_revokes(mia, vic):
    token, key = services.api_token_create(user=mia, name="Regneark")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(user=vic, token=token)
    services.api_token_revoke(user=mia, token=token)
    assert services.api_token_user(key) is None


def test_a_token_needs_a_name_and_a_known_scope(mia):
    with pytest.raises(ValidationError):
        services.api_token_create(user=mia, name="  ")
    with pytest.raises(ValidationError):
        services.api_token_create(user=mia, name="X", scope="admin")
    assert not ApiToken.objects.exists()


def test_at_most_twenty_active_tokens(mia):
    for i in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(user=mia, name=f"T{i}")
    with pytest.raises(ValidationError):
        services.api_token_create(user=mia, name="One too many")


def test_the_tokens_page(client, mia, vic):
    assert client.get("/me/api-tokens/").status_code == 302
    client.force_login(mia)
    response = client.post("/me/api-tokens/", {"name": "Regneark", "scope": "read"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.scope == "read" and "alm_" in response.content.decode()
    assert "alm_" not in client.get("/me/api-tokens/").content.decode().replace(token.prefix, "")
    assert client.post("/me/api-tokens/", {"name": ""}).status_code == 400
    client.force_login(vic)
    assert client.post(f"/me/api-tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(mia)
    assert client.post(f"/me/api-tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
