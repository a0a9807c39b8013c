"""A query stopped by PostgreSQL's statement_timeout answers 503 with Retry-After, not a 500.

The middleware tests need PostgreSQL (CI runs them there); on SQLite they are skipped with the
reason shown. The production settings are checked in a subprocess, on any database."""

import json
import os
import subprocess
import sys

import pytest
from django.db import OperationalError, connection
from django.test import Client

from apps.core.timeouts import is_query_timeout

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="statement_timeout is PostgreSQL's; set DATABASE_URL=postgres://… to run this test",
)


@pytest.fixture
def slow_urls(settings, transactional_db):
    """Outside a test transaction, as in production (no ATOMIC_REQUESTS): the cancelled statement
    leaves the connection usable for the next one."""
    settings.ROOT_URLCONF = "tests.core.slow_urls"


@needs_postgresql
def test_a_page_whose_query_times_out_answers_503_with_a_page(slow_urls):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")

    response = client.get("/slow/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "took too long" in response.content.decode()


@needs_postgresql
def test_an_api_query_that_times_out_answers_503_json(slow_urls):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")

    response = client.get("/api/v1/slow")

    assert response.status_code == 503
    body = response.json()
    assert "too long" in body["detail"]
    assert body["errors"] == []


@needs_postgresql
def test_the_page_speaks_norwegian(slow_urls):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nb")

    response = client.get("/slow/")

    assert response.status_code == 503
    assert 'lang="nb"' in response.content.decode()


def test_only_a_cancelled_statement_counts_as_a_timeout():
    assert is_query_timeout(OperationalError("canceling statement due to statement timeout"))
    assert not is_query_timeout(OperationalError("could not connect to server"))
    assert not is_query_timeout(ValueError("canceling statement due to statement timeout"))


def _production_options(**env: str) -> dict:
    script = (
        "import json, django.conf;"
        "import allmenning.settings.production as p;"
        "print(json.dumps(p.DATABASES['default'].get('OPTIONS', {})))"
    )
    environment = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": "postgres://allmenning@127.0.0.1:5432/allmenning",
        **env,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_sets_a_statement_timeout_on_postgresql():
    assert _production_options()["options"] == "-c statement_timeout=5000"


def test_the_statement_timeout_comes_from_the_environment():
    assert _production_options(DATABASE_STATEMENT_TIMEOUT_MS="1500")["options"] == "-c statement_timeout=1500"
    assert "options" not in _production_options(DATABASE_STATEMENT_TIMEOUT_MS="0")
