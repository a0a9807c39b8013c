"""In a real browser: a steward starts a dialogue on an area, adds the landowner, publishes the
summary and the values; a visitor then sees the public page without the private parts."""

import re

import pytest
from allauth.account.models import EmailAddress

from apps.dialogues.models import Dialogue
from apps.places.models import Area, AreaLevel
from tests.factories import PASSWORD, HubFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()


def test_a_steward_records_and_publishes_a_dialogue(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    steward = MembershipFactory(
        hub=oslo, user=UserFactory(email="kari@example.org", name="Kari Steward"), is_steward=True
    ).user
    EmailAddress.objects.create(user=steward, email=steward.email, verified=True, primary=True)
    level = AreaLevel.objects.create(hub=oslo, slug="district", name="District")
    Area.objects.create(hub=oslo, level=level, code="0301-05", name="Frogner")
    OrganisationFactory(name="Bryggeeier AS")

    sign_in(page, "kari@example.org")
    page.goto("/oslo/")
    page.get_by_role("link", name="Value-creating dialogues").click()
    page.get_by_role("link", name="New dialogue").first.click()
    page.get_by_label("Title").fill("Frogner brygge")
    page.get_by_label("Area").select_option(label="Frogner")
    page.get_by_label("Summary").fill("A pier for everyone")
    page.get_by_label("Private notes").fill("Price talks are secret")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Frogner brygge").is_visible()
    dialogue = Dialogue.objects.get()

    page.get_by_role("link", name="Add or remove parties").click()
    page.get_by_label("Role").select_option(label="Landowner")
    page.get_by_label("Organisation").select_option(label="Bryggeeier AS")
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.get_by_role("cell", name="Bryggeeier AS", exact=True).is_visible()

    page.goto(dialogue.get_absolute_url())
    page.get_by_role("link", name="Choose what is published").click()
    page.get_by_label(re.compile("^Summary")).check()
    page.get_by_label(re.compile("^Participating organisations")).check()
    page.get_by_role("button", name="Save the choices").click()
    assert page.get_by_text("Partly published").is_visible()

    # a visitor sees the public page, without the private notes
    page.context.clear_cookies()
    page.goto(dialogue.get_absolute_url())
    assert page.get_by_text("A pier for everyone").is_visible()
    assert page.get_by_text("Bryggeeier AS").is_visible()
    assert "Price talks are secret" not in page.content()
