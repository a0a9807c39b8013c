"""In a real browser: two partners' representatives sign a cooperation agreement; the second,
last signature locks it; the public verification page confirms the hash of the signed text."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from apps.agreements import services
from apps.agreements.models import Agreement, Signature
from tests.factories import (
    PASSWORD,
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)

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


def sign_out(page) -> None:
    page.locator("header").get_by_role("button", name=re.compile("Sign out", re.I)).click()


def test_parties_sign_the_last_signature_locks_and_the_hash_verifies(page):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    stella = MembershipFactory(
        hub=oslo, user=verified_user(email="stella@example.org", name="Stella Steward"), is_steward=True
    ).user
    parties = []
    for name, email, person in (
        ("Acme Byutvikling", "petra@example.org", "Petra Partner"),
        ("Bylab Oslo", "ola@example.org", "Ola Bylab"),
    ):
        organisation = OrganisationFactory(name=name)
        PartnershipFactory(hub=oslo, organisation=organisation)
        RepresentativeFactory(organisation=organisation, user=verified_user(email=email, name=person))
        parties.append(organisation)
    agreement = services.agreement_create(
        hub=oslo,
        actor=stella,
        title="Samarbeidsavtale",
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2027, 6, 30),
        organisations=parties,
    )
    services.agreement_open_for_signing(agreement=agreement, actor=stella)
    version = agreement.versions.get()

    for email, organisation, last in (
        ("petra@example.org", "Acme Byutvikling", False),
        ("ola@example.org", "Bylab Oslo", True),
    ):
        sign_in(page, email)
        page.goto(f"/oslo/agreements/{agreement.pk}/")
        page.get_by_role("link", name="Read and sign").click()
        expect(page.locator("#version-hash")).to_have_text(version.sha256)
        page.get_by_label(re.compile(f"sign it for {organisation}")).check()
        page.get_by_role("button", name=f"Sign for {organisation}").click()
        message = "Every party has signed" if last else f"You signed version 1 for {organisation}"
        expect(page.locator(".messages .ds-alert[data-color=success]", has_text=message)).to_be_visible()
        sign_out(page)

    agreement.refresh_from_db()
    assert agreement.is_signed and Signature.objects.filter(version=version).count() == 2
    # Locked: the page offers no more signing or editing, even to the steward.
    sign_in(page, "stella@example.org")
    page.goto(f"/oslo/agreements/{agreement.pk}/")
    expect(page.get_by_text("It can no longer change.")).to_be_visible()
    expect(page.get_by_role("link", name="Write a new version")).to_have_count(0)
    expect(page.get_by_role("link", name="Read and sign")).to_have_count(0)
    sign_out(page)

    # Anyone can verify the signed text, pasted with Windows line endings.
    page.goto("/oslo/agreements/verify/")
    page.get_by_label("Paste the text").fill(version.text.replace("\n", "\r\n"))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("It matches a signed agreement.")).to_be_visible()
    expect(page.locator("#checked-hash")).to_have_text(version.sha256)
    expect(page.locator("#result")).to_contain_text("Petra Partner")
    assert Agreement.objects.get(pk=agreement.pk).is_signed
