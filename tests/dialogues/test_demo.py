"""The demo: a dialogue on a real Södertörn basområde, partly published; a second run adds nothing."""

import io

import pytest

from apps.dialogues import demo
from apps.dialogues.models import Dialogue, NextStep, Participant, Value
from apps.places.models import Area, AreaLevel
from tests.factories import MembershipFactory, OrganisationFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sodertorn_demo(sodertorn):
    level = AreaLevel.objects.create(hub=sodertorn, slug="basomrade", name="Basområde")
    Area.objects.create(hub=sodertorn, level=level, code=demo.AREA_CODE, name="Fittja gård")
    lead = MembershipFactory(
        hub=sodertorn, user=UserFactory(email=demo.LEAD, name="Anna Lindqvist"), is_steward=True
    ).user
    rep = MembershipFactory(hub=sodertorn, user=UserFactory(email=demo.DEVELOPER_REP, name="Mohammed")).user
    RepresentativeFactory(organisation=OrganisationFactory(name="Haninge Bygg AB", country="SE"), user=rep)
    return lead


def test_seed_is_idempotent_and_partly_published(client, sodertorn_demo):
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    dialogue = Dialogue.objects.get()
    assert dialogue.area.code == demo.AREA_CODE and dialogue.is_public
    assert set(Participant.objects.values_list("role", flat=True)) == {
        "municipality",
        "landowner",
        "developer",
    }
    assert set(Value.objects.values_list("kind", flat=True)) == {"economic", "ecological", "social"}
    assert all(v.sdg_targets.exists() for v in Value.objects.all())
    assert NextStep.objects.count() == 2
    body = client.get(f"/api/v1/hubs/sodertorn/dialogues/{dialogue.pk}").json()
    assert body["values"] and body["next_steps"] and body["conditions"] is None
    assert "hyresnivåerna" not in str(body)  # the private notes
    page = client.get(dialogue.get_absolute_url()).content.decode()
    assert "Fittja" in page and "hyresnivåerna" not in page and "Platsvandring" not in page


def test_seed_without_the_hub_or_areas_does_nothing(db, sodertorn):
    out = io.StringIO()
    demo.seed(stdout=out)
    assert not Dialogue.objects.exists() and "missing" in out.getvalue()
