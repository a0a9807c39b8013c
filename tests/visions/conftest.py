import pytest

from apps.initiatives.models import Initiative
from apps.participation.spaces import Space
from apps.visions import services
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)


@pytest.fixture
def olga(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def courtyard(oslo, olga):
    return Initiative.objects.create(hub=oslo, slug="courtyard", title="Green courtyard", owner=olga)


@pytest.fixture
def vision(oslo, stella):
    return services.vision_create(
        space=Space(hub=oslo),
        actor=stella,
        title="Felles målbilde",
        text="Oslo is green.\n\nWe share streets.",
    )


@pytest.fixture
def pending_rep(oslo):
    """Represents an organisation whose partnership of Oslo is still pending."""
    user = UserFactory(email="pat@example.org", name="Pat Pending")
    organisation = OrganisationFactory(name="Pending AS")
    RepresentativeFactory(organisation=organisation, user=user)
    PartnershipFactory(hub=oslo, organisation=organisation, status="pending", decided_at=None)
    return user
