"""Fixtures for goals: the UN catalogue (from the data migration), a goal in each hub, and
things to tag (an Oslo area and a Södertörn indicator)."""

import pytest

from apps.goals.catalogue import load_catalogue
from apps.goals.models import HubGoal, LocalTarget, SdgGoal, SdgTarget
from apps.knowledge.models import Indicator
from apps.places.models import Area, AreaLevel


@pytest.fixture(autouse=True)
def catalogue(db):
    """The data migration loads the catalogue; a transactional test elsewhere may have flushed it."""
    if SdgGoal.objects.count() != 17:
        load_catalogue()


@pytest.fixture
def target_11_7():
    return SdgTarget.objects.get(code="11.7")


@pytest.fixture
def climate(oslo):
    goal = HubGoal.objects.create(hub=oslo, code="climate-2030", title="95 % lower emissions by 2030")
    goal.sdg_goals.set([13, 11])
    return goal


@pytest.fixture
def green_target(oslo, climate, target_11_7):
    return LocalTarget.objects.create(
        hub=oslo, hub_goal=climate, sdg_target=target_11_7, code="11.7.L1", title="Green space for all"
    )


@pytest.fixture
def sodertorn_goal(sodertorn):
    return HubGoal.objects.create(hub=sodertorn, code="employment", title="Higher employment")


@pytest.fixture
def frogner(oslo):
    level = AreaLevel.objects.create(hub=oslo, slug="district", name="District")
    return Area.objects.create(hub=oslo, level=level, code="0301-05", name="Frogner")


@pytest.fixture
def employment_indicator(sodertorn):
    return Indicator.objects.create(
        hub=sodertorn, code="employment_rate_20_64", name_en="Employment rate 20–64", category="economic"
    )
