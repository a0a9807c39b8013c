"""The demo: Pådriv Oslo's closed annual meeting with a decided motion and a board election,
and an open ballot to try; a second run changes nothing."""

import io

import pytest

from apps.governance import demo
from apps.governance.models import Ballot, Meeting, Motion, Receipt, Voter
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo_people(oslo):
    people = {}
    for email, _choice in demo.MOTION_VOTES:
        people[email] = MembershipFactory(
            hub=oslo, user=UserFactory(email=email), is_network_lead=email == "ingrid@oslo.demo"
        ).user
    for name, email in [
        ("Oslo kommune", "steward@oslo.demo"),
        ("Grønn Gårdsplass AS", "lars@oslo.demo"),
        ("Byforskningsinstituttet", "sofie@oslo.demo"),
    ]:
        organisation = OrganisationFactory(name=name)
        PartnershipFactory(hub=oslo, organisation=organisation)
        RepresentativeFactory(organisation=organisation, user=people[email])
    return people


def test_demo_is_idempotent(oslo, oslo_people):
    demo.seed(stdout=io.StringIO())
    annual = Meeting.objects.get(title=demo.ANNUAL)
    assert annual.status == "closed" and annual.minutes.startswith("## Referat")
    assert Motion.objects.get(title=demo.MOTION_TITLE).outcome == "adopted"
    election = Ballot.objects.get(meeting=annual, kind="election")
    assert election.status == "closed" and election.candidates.filter(elected=True).count() == 2
    assert Voter.objects.filter(ballot=election, organisation__isnull=False).count() == 3
    trial = Ballot.objects.get(meeting__title=demo.AUTUMN)
    assert trial.status == "open" and trial.secret and Receipt.objects.filter(ballot=trial).count() == 3
    counts = (Meeting.objects.count(), Ballot.objects.count(), Voter.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Meeting.objects.count(), Ballot.objects.count(), Voter.objects.count()) == counts


def test_demo_without_oslo_does_nothing(db):
    demo.seed(stdout=io.StringIO())
    assert not Meeting.objects.exists()
