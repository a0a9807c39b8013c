"""The same rendering of a form posted twice does its work once (apps.core.idempotency): every
`{% csrf_token %}` writes a one-time `_form_token`, and a repeat is sent where the first went."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from apps.initiatives.models import Initiative
from tests.factories import PASSWORD

TOKEN = re.compile(r'name="_form_token" value="([^"]+)"')


def token_of(response):
    return TOKEN.search(response.content.decode()).group(1)


def form(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return token_of(response)


def new_initiative(title, token):
    return {"title": title, "summary": "", "description": "", "_form_token": token}


@pytest.fixture
def signed_in(client, vic):
    assert client.login(email=vic.email, password=PASSWORD)
    return client


def test_every_csrf_token_also_writes_a_fresh_form_token(signed_in, oslo):
    html = signed_in.get("/oslo/initiatives/new/").content.decode()
    tokens = TOKEN.findall(html)
    assert tokens and len(set(tokens)) == len(tokens)
    assert token_of(signed_in.get("/oslo/initiatives/new/")) not in tokens


def test_posting_the_same_form_twice_creates_one_initiative(signed_in, oslo):
    token = form(signed_in, "/oslo/initiatives/new/")
    first = signed_in.post("/oslo/initiatives/new/", new_initiative("Benker", token))
    second = signed_in.post("/oslo/initiatives/new/", new_initiative("Benker", token))
    assert first.status_code == 302 and second.status_code == 303
    assert second["Location"] == first["Location"]
    assert Initiative.objects.filter(title="Benker").count() == 1
    assert not Initiative.objects.filter(slug__endswith="-2").exists()


def test_a_new_rendering_of_the_form_creates_again(signed_in, oslo):
    for _ in range(2):
        token = form(signed_in, "/oslo/initiatives/new/")
        assert signed_in.post("/oslo/initiatives/new/", new_initiative("Benker", token)).status_code == 302
    assert Initiative.objects.filter(title="Benker").count() == 2


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_token(signed_in, oslo):
    token = form(signed_in, "/oslo/initiatives/new/")
    assert signed_in.post("/oslo/initiatives/new/", new_initiative("", token)).status_code == 400
    assert signed_in.post("/oslo/initiatives/new/", new_initiative("Benker", token)).status_code == 302
    assert Initiative.objects.filter(title="Benker").count() == 1


def test_a_token_is_the_visitors_own(client, oslo, vic, mia):
    assert client.login(email=vic.email, password=PASSWORD)
    token = form(client, "/oslo/initiatives/new/")
    assert client.post("/oslo/initiatives/new/", new_initiative("Vics", token)).status_code == 302
    other = Client()
    assert other.login(email=mia.email, password=PASSWORD)
    assert other.post("/oslo/initiatives/new/", new_initiative("Mias", token)).status_code == 302
    assert set(Initiative.objects.values_list("title", flat=True)) == {"Vics", "Mias"}


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_once_create_one_initiative(oslo, vic):
    client = Client()
    assert client.login(email=vic.email, password=PASSWORD)
    token = form(client, "/oslo/initiatives/new/")
    cookies = client.cookies
    barrier = threading.Barrier(3, timeout=30)
    answers: list = [None] * 3

    def run(index):
        try:
            mine = Client()
            mine.cookies = cookies
            barrier.wait()
            answers[index] = mine.post(
                "/oslo/initiatives/new/", new_initiative("Samtidig", token)
            ).status_code
        except BaseException as exc:  # noqa: BLE001
            answers[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert sorted(answers) == [302, 303, 303]
    assert Initiative.objects.filter(title="Samtidig").count() == 1
