"""The cast for the library: Olga owns the finished bench initiative with Lena as project lead
and Tom in the team (none of them members of the hub); mia (member) proposes entries."""

import pytest

from apps.initiatives.models import Initiative, TeamMember
from apps.library import services
from apps.library.models import Entry
from tests.factories import UserFactory


@pytest.fixture
def olga(db):
    return UserFactory(email="olga@example.org", name="Olga Owner")


@pytest.fixture
def lena(db):
    return UserFactory(email="lena@example.org", name="Lena Lead")


@pytest.fixture
def tom(db):
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def benches(oslo, olga, lena, tom):
    initiative = Initiative.objects.create(
        hub=oslo,
        slug="benches",
        title="Benker av gjenbrukt tre",
        summary="Tolv benker.",
        owner=olga,
        status=Initiative.Status.COMPLETED,
    )
    TeamMember.objects.create(initiative=initiative, user=lena, role="lead")
    TeamMember.objects.create(initiative=initiative, user=tom, role="member")
    return initiative


@pytest.fixture
def published(oslo, stella) -> Entry:
    return services.entry_create(
        actor=stella,
        hub=oslo,
        kind="method",
        title="Utforskende møte",
        licence="cc-by-4.0",
        summary="Slik holder du et utforskende møte.",
        body="## Invitasjon\n\nVelkommen!",
        publish=True,
    )


@pytest.fixture
def proposal(oslo, mia) -> Entry:
    return services.entry_create(
        actor=mia, hub=oslo, kind="lesson", title="Det vi lærte", licence="cc0-1.0", publish=True
    )


@pytest.fixture
def case_study(benches, olga) -> Entry:
    return services.case_study_draft(actor=olga, initiative=benches)
