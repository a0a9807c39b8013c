"""In a real browser: a resident signs in, opens an initiative's campaign from its page, pledges
without JavaScript help, and the progress bar moves; the team sees the pledge and confirms it."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from apps.funding import services
from apps.funding.models import Budget, Pledge
from apps.initiatives.models import Initiative
from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()
    expect(page.locator("header").get_by_role("button", name=re.compile("Sign out", re.I))).to_be_visible()


def test_a_resident_pledges_and_the_progress_bar_moves(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    owner = verified_user(email="olga@example.org", name="Olga Owner")
    MembershipFactory(hub=oslo, user=owner)
    resident = verified_user(email="rita@example.org", name="Rita Resident")
    initiative = Initiative.objects.create(hub=oslo, slug="courtyard", title="Green courtyard", owner=owner)
    budget = Budget.objects.create(hub=oslo, initiative=initiative)
    services.cost_line_add(budget=budget, actor=owner, description="Plants", planned="4000")
    services.source_add(
        budget=budget, actor=owner, kind="crowdfunding", description="Neighbours", planned="4000"
    )
    draft = services.campaign_create(
        initiative=initiative, actor=owner, goal="4000", deadline=oslo.today() + timedelta(days=14)
    )
    services.campaign_open(campaign=draft, actor=owner)

    sign_in(page, resident.email)
    page.goto("/oslo/initiatives/courtyard/")
    panel = page.locator(".funding-panel")
    expect(panel.locator("progress")).to_have_attribute("value", "0")
    panel.get_by_role("link", name="Pledge to the campaign").click()
    expect(page).to_have_url(re.compile(r"/oslo/funding/i/courtyard/campaign/$"))
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("value", "0")

    # A wrong amount is refused with a clear message, and nothing is saved.
    page.get_by_label("Amount").fill("-100")
    page.get_by_role("button", name="Pledge", exact=True).click()
    expect(page.locator(".ds-error-summary")).to_contain_text("cannot be negative")
    assert not Pledge.objects.exists()

    page.get_by_label("Amount").fill("1000.50")
    page.get_by_label("Message (optional)").fill("For the bees!")
    page.get_by_role("button", name="Pledge", exact=True).click()
    expect(page.locator(".messages .ds-alert[data-color=success]")).to_contain_text(
        "Your pledge is registered"
    )
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "25")
    expect(page.locator("#pledges-heading + ul")).to_contain_text("For the bees!")
    assert Pledge.objects.get().user == resident

    # The team sees who pledged and confirms the money has arrived.
    page.context.clear_cookies()
    sign_in(page, owner.email)
    page.goto("/oslo/funding/i/courtyard/campaign/pledges/")
    row = page.locator("tr", has_text="Rita Resident")
    row.get_by_role("button", name=re.compile("^Received")).click()
    expect(page.locator("tr", has_text="Rita Resident")).to_contain_text("Received")
    assert Pledge.objects.get().status == "received"
