"""Fixtures for agreements: Oslo's approved partners Acme (petra) and Bylab (ola) are the
parties; Nabo (nils) is an approved partner that is not a party; Sverige AB (sara) is a partner
of Södertörn only."""

import datetime

import pytest

from apps.agreements import services
from apps.agreements.models import Agreement
from tests.factories import OrganisationFactory, PartnershipFactory, RepresentativeFactory, UserFactory

START = datetime.date(2026, 7, 1)
END = datetime.date(2027, 6, 30)


@pytest.fixture
def bylab(oslo):
    organisation = OrganisationFactory(name="Bylab Oslo", slug="bylab")
    PartnershipFactory(hub=oslo, organisation=organisation, contribution="Two planners, 10 hours a week.")
    return organisation


@pytest.fixture
def ola(bylab):
    user = UserFactory(email="ola@example.org", name="Ola Bylab")
    RepresentativeFactory(organisation=bylab, user=user)
    return user


@pytest.fixture
def nabo(oslo):
    organisation = OrganisationFactory(name="Nabolaget", slug="nabo")
    PartnershipFactory(hub=oslo, organisation=organisation)
    return organisation


@pytest.fixture
def nils(nabo):
    """Represents an approved partner of Oslo that is not a party to the agreement."""
    user = UserFactory(email="nils@example.org", name="Nils Nabo")
    RepresentativeFactory(organisation=nabo, user=user)
    return user


@pytest.fixture
def sara(sodertorn):
    organisation = OrganisationFactory(
        name="Sverige AB", slug="sverige", country="SE", org_number="5560360793"
    )
    PartnershipFactory(hub=sodertorn, organisation=organisation)
    user = UserFactory(email="sara@example.org", name="Sara Svensk")
    RepresentativeFactory(organisation=organisation, user=user)
    return user


def make_agreement(hub, actor, organisations, title="Samarbeidsavtale 2026–2027") -> Agreement:
    return services.agreement_create(
        hub=hub, actor=actor, title=title, starts_on=START, ends_on=END, organisations=organisations
    )


@pytest.fixture
def agreement(oslo, stella, acme, petra, bylab, ola):
    """A drafting agreement between Acme and Bylab, version 1 from the template."""
    return make_agreement(oslo, stella, [acme, bylab])


@pytest.fixture
def signing(agreement, stella):
    """The same agreement, open for signing."""
    services.agreement_open_for_signing(agreement=agreement, actor=stella)
    agreement.refresh_from_db()
    return agreement


def latest(agreement):
    return agreement.versions.order_by("-number").first()


def sign(agreement, user, organisation, version=None):
    version = version or latest(agreement)
    return services.agreement_sign(
        agreement=agreement,
        actor=user,
        organisation=organisation,
        number=version.number,
        sha256=version.sha256,
    )


@pytest.fixture
def signed(signing, petra, acme, ola, bylab):
    sign(signing, petra, acme)
    sign(signing, ola, bylab)
    signing.refresh_from_db()
    assert signing.is_signed
    return signing
