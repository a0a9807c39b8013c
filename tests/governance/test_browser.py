"""In a real browser: a member votes in a secret ballot and sees the receipt once; the steward
closes the ballot and the results appear; the receipt checks out on the public page."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from apps.governance import services
from tests.browser.test_join_journey import sign_in, sign_out
from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory
from tests.governance.conftest import WHEN, make_ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(hub, email, name, **roles):
    user = MembershipFactory(hub=hub, user=UserFactory(email=email, name=name), **roles).user
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_a_member_votes_and_the_steward_closes(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    kari = person(oslo, "kari@example.org", "Kari Steward", is_steward=True)
    amina = person(oslo, "amina@example.org", "Amina Member")
    meeting = services.meeting_create(
        hub=oslo, actor=kari, title="Årsmøte", starts_at=WHEN, agenda=["Forslag"]
    )
    services.meeting_advance(meeting=meeting, actor=kari)
    motion = services.motion_create(
        meeting=meeting, actor=amina, title="Flere benker", text="Vi trenger benker."
    )
    ballot = make_ballot(meeting, kari, motion=motion, secret=True)

    sign_in(page, amina.email, PASSWORD)
    page.goto("/oslo/")
    page.get_by_role("link", name="Annual meeting and votes").click()
    page.get_by_role("link", name="Årsmøte").click()
    page.get_by_role("link", name="Flere benker").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast the vote").click()
    receipt = page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", receipt)
    page.reload()
    expect(page.locator(".receipt-code")).to_have_count(0)
    expect(page.get_by_text("You have voted.")).to_be_visible()
    sign_out(page)

    sign_in(page, kari.email, PASSWORD)
    page.goto(ballot.get_absolute_url())
    page.get_by_role("button", name="Close and count").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    expect(page.get_by_text("Decision: Adopted")).to_be_visible()

    page.goto("/oslo/governance/receipts/")
    page.get_by_label("Receipt code").fill(receipt)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status").get_by_text("Counted:")).to_be_visible()
