"""A general meeting of Pådriv Oslo with a motion and an election.

mia (member) proposes the motion; petra represents Acme (an approved partner); rita represents
Outsider AS, which is no partner of Oslo; dora is both a member and Acme's representative.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from apps.governance import services
from apps.governance.models import Meeting
from tests.factories import MembershipFactory, OrganisationFactory, RepresentativeFactory, UserFactory

WHEN = datetime(2026, 6, 18, 18, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture
def rita(db):
    """Represents an organisation that is no partner of Oslo."""
    user = UserFactory(email="rita@example.org", name="Rita Outsider")
    RepresentativeFactory(organisation=OrganisationFactory(name="Outsider AS"), user=user)
    return user


@pytest.fixture
def dora(oslo, acme, petra):
    """A member of Oslo who also represents Acme."""
    user = MembershipFactory(hub=oslo, user=UserFactory(email="dora@example.org", name="Dora Both")).user
    RepresentativeFactory(organisation=acme, user=user)
    return user


@pytest.fixture
def meeting(oslo, stella):
    return services.meeting_create(
        hub=oslo,
        actor=stella,
        title="Årsmøte 2026",
        starts_at=WHEN,
        place="Deichman Bjørvika",
        agenda=["Godkjenning av innkalling", "Årsberetning", "Valg av styre"],
    )


@pytest.fixture
def open_meeting(meeting, stella):
    services.meeting_advance(meeting=meeting, actor=stella)
    return Meeting.objects.get(pk=meeting.pk)


@pytest.fixture
def motion(open_meeting, mia):
    return services.motion_create(
        meeting=open_meeting, actor=mia, title="Gratis medlemskap for studenter", text="Vi foreslår …"
    )


def make_ballot(meeting, steward, motion=None, secret=False, open_it=True, **kwargs):
    if motion is not None:
        ballot = services.ballot_create(
            meeting=meeting, actor=steward, kind="motion", motion=motion, secret=secret
        )
    else:
        ballot = services.ballot_create(
            meeting=meeting, actor=steward, kind="election", secret=secret, **kwargs
        )
    if open_it:
        services.ballot_open(ballot=ballot, actor=steward)
    return ballot


@pytest.fixture
def motion_ballot(open_meeting, stella, motion):
    return make_ballot(open_meeting, stella, motion=motion)


@pytest.fixture
def secret_ballot(open_meeting, stella, motion):
    return make_ballot(open_meeting, stella, motion=motion, secret=True)


@pytest.fixture
def election(open_meeting, stella, mia, bob, nora):
    return make_ballot(
        open_meeting, stella, title="Valg av styre", seats=2, candidates=[mia, bob, nora], secret=True
    )
