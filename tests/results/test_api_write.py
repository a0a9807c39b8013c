"""Progress reports through the API with a personal token: the team writes drafts and publishes;
nobody else can."""

import pytest

from apps.accounts.services import api_token_create
from apps.results.models import ProgressReport

pytestmark = pytest.mark.django_db

URL = "/api/v1/hubs/oslo/progress-reports"


def bearer(user):
    _token, key = api_token_create(user=user, name="Skript")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, payload=None, **headers):
    return client.post(url, payload or {}, content_type="application/json", **headers)


def test_the_team_writes_a_draft_and_publishes_it(client, benches, olga):
    headers = bearer(olga)
    payload = {"space": f"i-{benches.slug}", "title": "Seks benker står", "text": "Halvveis!"}
    response = post(client, URL, payload, **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    published = post(client, f"{URL}/{body['id']}/publish", **headers)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert client.get(URL).json()["count"] == 1


def test_others_cannot_write_or_publish(client, benches, olga, mia, sven):
    payload = {"space": f"i-{benches.slug}", "title": "X", "text": "Y"}
    assert post(client, URL, payload, **bearer(mia)).status_code == 403
    assert post(client, URL, payload, **bearer(sven)).status_code == 403
    assert post(client, URL, payload).status_code == 401
    draft = post(client, URL, payload, **bearer(olga)).json()
    assert post(client, f"{URL}/{draft['id']}/publish", **bearer(mia)).status_code == 403
    assert (
        post(
            client, f"/api/v1/hubs/sodertorn/progress-reports/{draft['id']}/publish", **bearer(sven)
        ).status_code
        == 404
    )
    assert ProgressReport.objects.get().status == "draft"


def test_bad_input_is_4xx_and_saves_nothing(client, benches, olga):
    headers = bearer(olga)
    assert (
        post(client, URL, {"space": f"i-{benches.slug}", "title": "", "text": "x"}, **headers).status_code
        == 400
    )
    assert post(client, URL, {"space": "i-nowhere", "title": "T", "text": "x"}, **headers).status_code == 404
    bad_value = {"space": f"i-{benches.slug}", "title": "T", "text": "x", "value": "NaN"}
    assert post(client, URL, bad_value, **headers).status_code in (400, 422)
    assert not ProgressReport.objects.exists()
