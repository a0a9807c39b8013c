"""The foundation's journey, in a real browser: a visitor signs up, joins Pådriv Oslo, a
steward approves, and the new member appears in the directory only after consenting."""

import re

import pytest
from django.core import mail

from apps.hubs.models import Membership
from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()


def sign_out(page) -> None:
    page.locator("header").get_by_role("button", name=re.compile("Sign out", re.I)).click()
    if "/accounts/logout/" in page.url:
        page.locator("main form button[type=submit]").click()


def test_a_visitor_signs_up_joins_is_approved_and_appears_after_consenting(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    steward = MembershipFactory(
        hub=oslo, user=UserFactory(email="kari@example.org", name="Kari Steward"), is_steward=True
    ).user
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=steward, email=steward.email, verified=True, primary=True)

    # A visitor finds the hub and signs up.
    page.goto("/")
    page.get_by_role("link", name=re.compile("Pådriv Oslo")).first.click()
    assert page.url.endswith("/oslo/")
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "astrid@example.org")
    page.fill("input[name=password1]", "a-long-and-good-password-42")
    page.fill("input[name=password2]", "a-long-and-good-password-42")
    page.locator("main form button[type=submit]").click()

    # They confirm their e-mail address from the link they were sent.
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()

    # They apply to join Oslo.
    page.goto("/oslo/join/")
    page.fill("textarea[name=message]", "I want to green our courtyard.")
    page.locator("main form button[type=submit]").click()
    membership = Membership.objects.get(user__email="astrid@example.org", hub=oslo)
    assert membership.status == "pending"
    assert any("kari@example.org" in m.to for m in mail.outbox)

    # Pending members are not in the directory.
    page.goto("/oslo/members/")
    assert "astrid" not in page.content().lower()
    sign_out(page)

    # The steward approves the application.
    sign_in(page, "kari@example.org", PASSWORD)
    page.goto("/oslo/manage/applications/")
    item = page.locator(f"#membership-{membership.pk}")
    item.locator("input[value=approve]").check()
    item.locator("button[type=submit]").click()
    membership.refresh_from_db()
    assert membership.status == "approved"
    assert any("astrid@example.org" in m.to for m in mail.outbox)
    sign_out(page)

    # Approved, but not yet consenting: still not listed.
    page.goto("/oslo/members/")
    assert "astrid" not in page.content().lower()

    # The member gives consent on their profile, and now appears.
    sign_in(page, "astrid@example.org", "a-long-and-good-password-42")
    page.goto("/me/profile/")
    page.fill("input[name=name]", "Astrid Aas")
    page.check("input[name=consent_public_profile]")
    page.locator("main form button[type=submit]").last.click()
    page.goto("/oslo/members/")
    assert page.get_by_text("Astrid Aas").count() >= 1
