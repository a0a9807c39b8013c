"""Plain regression tests for what the form fuzz (tests/core/test_fuzz_forms.py) found: each one
posts the exact input that went wrong, so the fix stays fixed without running Hypothesis."""

from decimal import Decimal

from django.test import Client

from tests.factories import PASSWORD
from tests.forms import form_posting_to


def page_form(client, path, action=""):
    response = client.get(path)
    assert response.status_code == 200
    form = form_posting_to(response.content.decode(), action)
    return {name: value for name, value in form.defaults().items() if value}


def test_the_hub_settings_page_offers_every_field_its_form_needs(oslo, stella):
    """The settings form asks for the currency and the hourly rate, but the page did not show
    them: saving the page as a steward sees it was always a 400."""
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=stella.email, password=PASSWORD)
    values = page_form(client, "/oslo/manage/settings/")
    assert (values["currency"], values["hourly_rate"]) == (["NOK"], ["0.00"])
    values["tagline"] = ["Byen vår"]
    values["hourly_rate"] = ["450.50"]

    response = client.post("/oslo/manage/settings/", values)

    assert response.status_code == 302
    oslo.refresh_from_db()
    assert (oslo.tagline, oslo.hourly_rate) == ("Byen vår", Decimal("450.50"))


def test_a_nul_in_the_library_search_is_no_5xx(client, oslo):
    """PostgreSQL refuses a NUL in a query: `?q=%00` was a 500 there (SQLite let it through)."""
    response = client.get("/api/v1/hubs/oslo/library/entries", {"q": "tre\x00bord"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
