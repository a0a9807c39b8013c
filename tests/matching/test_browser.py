"""In a real browser: a steward opens an initiative's needs and suggestions, sees why Gina is
suggested and introduces her; Gina finds the introduction under "Suggested for you" and accepts.
The pages hold on a 320 px screen."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from apps.matching.models import Introduction
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()
    # Signed in: the header carries the sign-out form (in the menu on a narrow window).
    expect(page.locator("header form[action='/accounts/logout/']").first).to_be_attached()


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_a_steward_introduces_and_the_member_accepts(page, cast, stella, gina):
    for user in (stella, gina):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.set_viewport_size({"width": 320, "height": 800})

    sign_in(page, stella.email)
    page.goto("/oslo/matching/initiatives/courtyard/")
    card = page.locator("article", has=page.get_by_role("heading", name="Gina Gardener"))
    expect(card).to_contain_text("Gardening")
    expect(card).to_contain_text("Tøyen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    card.get_by_label("Note to both sides (optional)").fill("Dere bør snakke sammen")
    card.get_by_role("button", name="Introduce").click()
    expect(page.get_by_text("The introduction is sent")).to_be_visible()
    assert Introduction.objects.get().status == "introduced"

    sign_out(page)
    sign_in(page, gina.email)
    page.goto("/oslo/matching/")
    expect(page.get_by_role("heading", name="Suggested for you")).to_be_visible()
    expect(page.get_by_text("Dere bør snakke sammen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("your answer has been passed on")).to_be_visible()
    assert Introduction.objects.get().status == "accepted"
