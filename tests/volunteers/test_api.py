"""The volunteers API: public shifts with counts (never names); sign up and cancel with a token."""

import pytest

from apps.accounts.services import api_token_create
from apps.volunteers import services
from apps.volunteers.models import Signup

pytestmark = pytest.mark.django_db


def bearer(user, scope="write"):
    _token, key = api_token_create(user=user, name="Skript", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_list_shifts_shows_counts_but_no_names(client, shift, mia, vic):
    services.sign_up(shift=shift, user=mia)
    body = client.get("/api/v1/hubs/oslo/initiatives/courtyard/shifts").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["role"], item["capacity"], item["confirmed"], item["places_left"], item["place"]) == (
        "Bygger",
        2,
        1,
        1,
        "Gårdsplassen",
    )
    assert "mia" not in str(body).lower() and mia.name not in str(body)
    assert client.get(f"/api/v1/hubs/oslo/shifts/{shift.pk}").json()["places_left"] == 1
    assert client.get("/api/v1/hubs/oslo/initiatives/nowhere/shifts").status_code == 404
    assert client.get(f"/api/v1/hubs/sodertorn/shifts/{shift.pk}").status_code == 404


def test_sign_up_and_cancel_with_a_token(client, shift, mia, vic, bob):
    path = f"/api/v1/hubs/oslo/shifts/{shift.pk}/signup"
    response = client.post(path, {}, content_type="application/json", **bearer(mia))
    assert response.status_code == 201, response.content
    assert response.json() == {"shift_id": shift.pk, "status": "confirmed", "places_left": 1}
    again = client.post(path, {}, content_type="application/json", **bearer(mia))
    assert again.status_code == 400 and "already signed up" in again.json()["detail"]
    client.post(path, {}, content_type="application/json", **bearer(vic))
    full = client.post(path, {}, content_type="application/json", **bearer(bob))
    assert full.status_code == 400 and "waiting list" in full.json()["detail"]
    waiting = client.post(path, {"waiting_list": True}, content_type="application/json", **bearer(bob))
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"
    cancelled = client.post(f"{path}/cancel", content_type="application/json", **bearer(mia))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Signup.objects.get(user=bob).status == "confirmed"


def test_writes_need_a_write_token(client, shift, mia):
    path = f"/api/v1/hubs/oslo/shifts/{shift.pk}/signup"
    assert client.post(path, {}, content_type="application/json").status_code == 401
    client.force_login(mia)  # a session cookie is not enough
    assert client.post(path, {}, content_type="application/json").status_code == 401
    assert (
        client.post(path, {}, content_type="application/json", **bearer(mia, scope="read")).status_code == 403
    )
    assert (
        client.post(
            "/api/v1/hubs/oslo/shifts/999/signup", {}, content_type="application/json", **bearer(mia)
        ).status_code
        == 404
    )
    assert not Signup.objects.exists()


def test_cancel_without_a_sign_up_is_400(client, shift, mia):
    response = client.post(
        f"/api/v1/hubs/oslo/shifts/{shift.pk}/signup/cancel", content_type="application/json", **bearer(mia)
    )
    assert response.status_code == 400
