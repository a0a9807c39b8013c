"""In front of every API operation (apps.core.api_guard): numbers too large for the database
are a 422 in the one error shape (not a 500 page), clients over their rate limit get 429 JSON with
Retry-After, and a write sent again with the same Idempotency-Key writes once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from apps.accounts.services import api_token_create
from apps.core.models import IdempotentRequest
from apps.funding.models import Pledge
from tests.funding.conftest import budget, campaign, courtyard, full_budget, olga, tom  # noqa: F401

URL = "/api/v1/hubs/oslo/initiatives/courtyard/campaign/pledges"


def bearer(user):
    _token, key = api_token_create(user=user, name="Skript", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def pledge(client, headers, amount="100", key=None):
    if key is not None:
        headers = {**headers, "HTTP_IDEMPOTENCY_KEY": key}
    return client.post(URL, {"amount": amount}, content_type="application/json", **headers)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/hubs?offset=9223372036854775808",
        "/api/v1/hubs?limit=99999999999999999999",
        "/api/v1/hubs?offset=-9223372036854775809",
        "/api/v1/hubs/oslo/initiatives?offset=9223372036854775808",
        "/api/v1/hubs/oslo/ideas/9223372036854775808",
    ],
)
def test_numbers_too_large_are_422_json_not_a_500_page(client, oslo, url):
    response = client.get(url)
    assert response.status_code == 422
    body = response.json()
    assert "at most 15 digits" in body["detail"] and body["errors"][0]["type"] == "too_large"


@pytest.mark.parametrize("query", ["limit=100000", "limit=0", "offset=-1", "limit=-5"])
def test_limits_out_of_range_are_422_json(client, oslo, query):
    response = client.get(f"/api/v1/hubs?{query}")
    assert response.status_code == 422 and response.json()["errors"]


def test_a_large_but_possible_offset_is_an_empty_page(client, oslo):
    assert client.get("/api/v1/hubs?offset=999999999999999").json() == {"items": [], "count": 1}


def test_every_operation_declares_429_and_writes_409(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    for ops in spec["paths"].values():
        for method, op in ops.items():
            assert "429" in op["responses"]
            assert (
                ("409" in op["responses"])
                == ("413" in op["responses"])
                == (method in ("post", "put", "patch", "delete"))
            )


# Rate limits -------------------------------------------------------------------------------


def test_anonymous_reads_are_limited_per_address(client, oslo, settings):
    settings.API_RATE_ANONYMOUS_READS = "3/m"
    assert [client.get("/api/v1/hubs").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/v1/hubs")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1 and response.json()["detail"].startswith("Too many requests")
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/hubs").status_code == 200


def test_signed_in_reads_are_not_counted_as_anonymous(client, oslo, mia, settings):
    settings.API_RATE_ANONYMOUS_READS = "1/m"
    client.force_login(mia)
    assert [client.get("/api/v1/hubs").status_code for _ in range(3)] == [200, 200, 200]


def test_writes_are_limited_per_token(client, campaign, mia, tom, settings):  # noqa: F811
    settings.API_RATE_WRITES = "2/m"
    mine = bearer(mia)
    assert [pledge(client, mine).status_code for _ in range(2)] == [201, 201]
    refused = pledge(client, mine)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Pledge.objects.count() == 2
    assert pledge(client, bearer(tom)).status_code == 201  # another sender has their own count


# Idempotency-Key ---------------------------------------------------------------------------


def test_the_same_key_replays_the_first_answer_and_writes_once(client, campaign, mia):  # noqa: F811
    mine = bearer(mia)
    first = pledge(client, mine, key="pledge-1")
    again = pledge(client, mine, key="pledge-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Pledge.objects.count() == 1
    assert pledge(client, mine, key="pledge-2").status_code == 201
    assert Pledge.objects.count() == 2


def test_the_same_key_with_another_body_is_422(client, campaign, mia):  # noqa: F811
    mine = bearer(mia)
    assert pledge(client, mine, key="k").status_code == 201
    response = pledge(client, mine, amount="200", key="k")
    assert response.status_code == 422 and "different request" in response.json()["detail"]
    assert Pledge.objects.count() == 1


def test_keys_are_each_senders_own(client, campaign, mia, tom):  # noqa: F811
    assert pledge(client, bearer(mia), key="same").status_code == 201
    assert pledge(client, bearer(tom), key="same").status_code == 201
    assert Pledge.objects.count() == 2


def test_a_refused_write_is_replayed_as_refused(client, campaign, mia):  # noqa: F811
    mine = bearer(mia)
    assert pledge(client, mine, amount="-1", key="bad").status_code == 400
    assert pledge(client, mine, amount="-1", key="bad").status_code == 400
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("key", ["", "a" * 201, "mellom rom", "æøå"])
def test_a_malformed_key_is_400(client, campaign, mia, key):  # noqa: F811
    response = pledge(client, bearer(mia), key=key)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert not Pledge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_at_once_from_threads_writes_once(campaign, mia):  # noqa: F811
    mine = bearer(mia)
    threads = 4
    barrier = threading.Barrier(threads, timeout=30)
    answers: list = [None] * threads

    def run(index):
        try:
            barrier.wait()
            response = pledge(Client(), mine, key="race")
            answers[index] = (response.status_code, response.json().get("id"))
        except BaseException as exc:  # noqa: BLE001
            answers[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert Pledge.objects.count() == 1
    pledge_id = Pledge.objects.get().pk
    assert all(answer == (201, pledge_id) or answer[0] == 409 for answer in answers), answers
    assert IdempotentRequest.objects.get().status == 201
