"""Participation in Oslo: an initiative owned by olga with tom on its team, an area (Grünerløkka),
and helpers to make ideas and comments. The cast (stella, nora, bob, mia, vic, sven) is in
tests/conftest.py."""

import pytest

from apps.initiatives.models import Initiative
from apps.participation import services
from apps.participation.models import Comment, Idea
from apps.participation.spaces import Space
from apps.places.models import Area, AreaLevel
from tests.factories import UserFactory


@pytest.fixture
def olga(db):
    """Owns the initiative; no office in the hub."""
    return UserFactory(email="olga@example.org", name="Olga Owner")


@pytest.fixture
def tom(db):
    """On the initiative's team; no office in the hub."""
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def initiative(oslo, olga, tom):
    initiative = Initiative.objects.create(
        hub=oslo, slug="gronn-gardsplass", title="Grønn gårdsplass", owner=olga
    )
    from apps.initiatives import models as initiative_models

    team_model = getattr(initiative_models, "TeamMember", None)
    if team_model is not None:
        team_model.objects.get_or_create(initiative=initiative, user=tom)
    return initiative


@pytest.fixture
def area(oslo):
    level = AreaLevel.objects.create(hub=oslo, slug="district", name="District")
    return Area.objects.create(hub=oslo, level=level, code="0301-02", name="Grünerløkka")


@pytest.fixture
def hub_space(oslo):
    return Space(hub=oslo)


@pytest.fixture
def space(oslo, initiative):
    return Space(hub=oslo, initiative=initiative)


@pytest.fixture
def area_space(oslo, area):
    return Space(hub=oslo, area=area)


def make_idea(
    space: Space, author, title: str = "Benker i gården", body: str = "Flere benker, takk.", **kw
) -> Idea:
    return services.idea_create(space=space, author=author, title=title, body=body, **kw)


def make_comment(idea: Idea, author, body: str = "Enig!", parent: Comment | None = None) -> Comment:
    return services.comment_create(idea=idea, author=author, body=body, parent=parent)


@pytest.fixture
def idea(space, mia):
    return make_idea(space, mia)
