"""The cast for matching. Oslo's courtyard initiative (owner olga, tom in the team) needs
gardening and "raised beds and soil"; the bench initiative needs carpentry.

Consenting, approved Oslo members: gina (gardening, Tøyen, plants), carl (carpentry, Sagene,
reused wood). Never to be suggested: uma (approved, gardening, Tøyen, but no public profile),
pia (consented and gardening, but her membership is pending), sara (consented gardener of
Södertörn). Acme (petra) is an approved partner of Oslo offering soil and plants; Byggmester's
partnership is still pending."""

import pytest

from apps.initiatives.models import Initiative, TeamMember
from apps.matching import selectors, services
from apps.matching.models import Need
from tests.factories import (
    CompetenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
    consent,
)


@pytest.fixture(autouse=True)
def _fresh_indexes():
    selectors.forget_indexes()
    yield
    selectors.forget_indexes()


def _person(hub, email, name, *, competences=(), place="", interests="", consented=True, status="approved"):
    user = MembershipFactory(hub=hub, user=UserFactory(email=email, name=name), status=status).user
    profile = user.profile
    profile.place = place
    profile.interests = interests
    profile.save()
    profile.competences.set(competences)
    if consented:
        consent(user)
    return user


@pytest.fixture
def gardening(db):
    return CompetenceFactory(slug="gardening", name_en="Gardening", name_nb="Hagearbeid", name_sv="Trädgård")


@pytest.fixture
def carpentry(db):
    return CompetenceFactory(slug="carpentry", name_en="Carpentry", name_nb="Snekring", name_sv="Snickeri")


@pytest.fixture
def olga(oslo):
    return _person(oslo, "olga@example.org", "Olga Owner", interests="courtyards")


@pytest.fixture
def tom(oslo):
    return _person(oslo, "tom@example.org", "Tom Team", interests="plants")


@pytest.fixture
def gina(oslo, gardening):
    return _person(
        oslo,
        "gina@example.org",
        "Gina Gardener",
        competences=[gardening],
        place="Tøyen",
        interests="Perennials, raised beds and fruit bushes in shared courtyards.",
    )


@pytest.fixture
def carl(oslo, carpentry):
    return _person(
        oslo,
        "carl@example.org",
        "Carl Carpenter",
        competences=[carpentry],
        place="Sagene",
        interests="Benches and furniture from reused wood.",
    )


@pytest.fixture
def uma(oslo, gardening):
    return _person(
        oslo,
        "uma@example.org",
        "Uma Unconsented",
        competences=[gardening],
        place="Tøyen",
        interests="Perennials, raised beds and fruit bushes in shared courtyards.",
        consented=False,
    )


@pytest.fixture
def pia(oslo, gardening):
    return _person(
        oslo,
        "pia@example.org",
        "Pia Pending",
        competences=[gardening],
        place="Tøyen",
        interests="Perennials, raised beds and fruit bushes in shared courtyards.",
        status="pending",
    )


@pytest.fixture
def sara(sodertorn, gardening):
    return _person(
        sodertorn,
        "sara@example.org",
        "Sara Södertörn",
        competences=[gardening],
        place="Tøyen",
        interests="Perennials, raised beds and fruit bushes in shared courtyards.",
    )


@pytest.fixture
def courtyard(oslo, olga, tom, gardening):
    initiative = Initiative.objects.create(
        hub=oslo,
        slug="courtyard",
        title="Grønn gårdsplass på Tøyen",
        summary="A shared green courtyard with perennials and raised beds.",
        owner=olga,
        status="active",
    )
    TeamMember.objects.create(initiative=initiative, user=tom, role="member")
    Need.objects.create(initiative=initiative, kind="competence", competence=gardening)
    Need.objects.create(initiative=initiative, kind="resource", text="Raised beds and soil")
    return initiative


@pytest.fixture
def benches(oslo, olga, carpentry):
    initiative = Initiative.objects.create(
        hub=oslo,
        slug="benches",
        title="Benker i Sagene",
        summary="Benches built from reused wood.",
        owner=olga,
        status="idea",
    )
    Need.objects.create(initiative=initiative, kind="competence", competence=carpentry)
    return initiative


@pytest.fixture
def byggmester(oslo):
    organisation = OrganisationFactory(
        name="Byggmester AS", slug="byggmester", description="Soil and plants."
    )
    PartnershipFactory(hub=oslo, organisation=organisation, status="pending", contribution="Soil and plants")
    RepresentativeFactory(
        organisation=organisation, user=UserFactory(email="bjorn@example.org", name="Bjørn")
    )
    return organisation


@pytest.fixture
def acme_soil(petra, acme, oslo):
    partnership = acme.partnerships.get(hub=oslo)
    partnership.contribution = "Soil, plants and raised beds for courtyards"
    partnership.save()
    return acme


@pytest.fixture
def cast(gina, carl, uma, pia, sara, mia, courtyard, benches, acme_soil, byggmester):
    return None


@pytest.fixture
def intro(stella, courtyard, gina):
    return services.introduction_create(
        actor=stella, initiative=courtyard, user=gina, note="Dere bør snakke sammen"
    )
