"""Fixtures for dialogues: an Oslo area with a confidential dialogue whose parties are dana (a
member of Oslo, for the municipality) and Acme (an organisation, represented by petra, as the
landowner). mia is a member who takes no part; sven leads another hub."""

import pytest

from apps.dialogues import services
from apps.goals.catalogue import load_catalogue
from apps.goals.models import HubGoal, SdgGoal, SdgTarget
from apps.places.models import Area, AreaLevel
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def catalogue(db):
    if SdgGoal.objects.count() != 17:
        load_catalogue()


@pytest.fixture
def frogner(oslo):
    level = AreaLevel.objects.create(hub=oslo, slug="district", name="District")
    return Area.objects.create(hub=oslo, level=level, code="0301-05", name="Frogner")


@pytest.fixture
def dana(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="dana@example.org", name="Dana Kommune")).user


@pytest.fixture
def target_11_7():
    return SdgTarget.objects.get(code="11.7")


@pytest.fixture
def climate(oslo):
    return HubGoal.objects.create(hub=oslo, code="climate-2030", title="95 % lower emissions by 2030")


@pytest.fixture
def dialogue(oslo, stella, frogner):
    return services.dialogue_create(
        hub=oslo,
        actor=stella,
        title="Frogner brygge",
        area=frogner,
        stage="programme",
        summary="Public summary text",
        conditions="Conditions text",
        goals="Goals text",
        solutions="Solutions text",
        private_notes="Secret notes text",
    )


@pytest.fixture
def with_parties(dialogue, stella, dana, petra, acme):
    municipality = services.participant_add(dialogue=dialogue, actor=stella, role="municipality", user=dana)
    landowner = services.participant_add(dialogue=dialogue, actor=stella, role="landowner", organisation=acme)
    return {"municipality": municipality, "landowner": landowner}


@pytest.fixture
def full_record(dialogue, stella, dana, petra, with_parties, target_11_7):
    services.value_add(
        dialogue=dialogue,
        actor=dana,
        participant=with_parties["municipality"],
        kind="social",
        description="A public square by the water",
        sdg_targets=[target_11_7],
    )
    services.meeting_add(dialogue=dialogue, actor=stella, held_on="2026-05-04", notes="Meeting notes text")
    services.next_step_add(dialogue=dialogue, actor=stella, title="Send the land map", assignee=dana)
    return dialogue
