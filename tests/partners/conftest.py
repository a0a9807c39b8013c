"""The cast for partners: Olga owns the courtyard initiative with Lena as project lead and Tom
in the team; Acme (petra) is an approved partner of Oslo; Byggmester AS (bjorn) is no partner of
the hub at all."""

from decimal import Decimal

import pytest

from apps.initiatives.models import Initiative, TeamMember
from apps.partners import services
from tests.factories import MembershipFactory, OrganisationFactory, RepresentativeFactory, UserFactory


@pytest.fixture
def olga(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def lena(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="lena@example.org", name="Lena Lead")).user


@pytest.fixture
def tom(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="tom@example.org", name="Tom Team")).user


@pytest.fixture
def courtyard(oslo, olga, lena, tom):
    initiative = Initiative.objects.create(hub=oslo, slug="courtyard", title="Grønn gårdsplass", owner=olga)
    TeamMember.objects.create(initiative=initiative, user=lena, role="lead")
    TeamMember.objects.create(initiative=initiative, user=tom, role="member")
    return initiative


@pytest.fixture
def bjorn(db):
    """Represents Byggmester AS, which is not a partner of Oslo."""
    user = UserFactory(email="bjorn@example.org", name="Bjørn Bygg")
    RepresentativeFactory(
        organisation=OrganisationFactory(name="Byggmester AS", slug="byggmester"), user=user
    )
    return user


@pytest.fixture
def acme_in_courtyard(courtyard, olga, petra, acme):
    return services.partner_add(
        actor=olga, hub=courtyard.hub, initiative=courtyard, organisation=acme, role="resources"
    )


@pytest.fixture
def acme_in_hub(oslo, stella, petra, acme):
    return services.partner_add(actor=stella, hub=oslo, organisation=acme, role="co_owner")


@pytest.fixture
def rated_oslo(oslo):
    oslo.hourly_rate = Decimal("450.50")
    oslo.save()
    return oslo
