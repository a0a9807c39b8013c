"""While the database cannot be reached, pages answer 503 with Retry-After, not 500.

The database really is unreachable here: the connection is closed and pointed at a place where
no database can be opened (a missing directory for SQLite, a closed port for PostgreSQL)."""

import pytest
from django.db import connection
from django.test import Client


@pytest.fixture
def database_down(transactional_db):
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/allmenning.sqlite3"
    else:
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = "1"
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(database_down):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Allmenning is briefly unavailable" in response.content.decode()


def test_the_503_page_speaks_norwegian_and_swedish(database_down):
    for language, heading in (
        ("nb", "Allmenning er utilgjengelig en liten stund"),
        ("sv", "Allmenning är inte tillgängligt en kort stund"),
    ):
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
        response = client.get("/")
        assert response.status_code == 503
        assert heading in response.content.decode()


def test_the_health_check_also_says_503(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503


def test_other_errors_still_answer_500(db, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert "Retry-After" not in response
