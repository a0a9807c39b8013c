"""Follow-up fixtures: an idea in Oslo owned by mia, with tina on its team."""

import pytest

from apps.initiatives.models import Follow, Initiative, TeamMember
from tests.factories import MembershipFactory, UserFactory


def make_initiative(hub, owner, *, slug="community-garden", title="Community garden at Tøyen", **fields):
    fields.setdefault("summary", "Raised beds and a tool shed for the neighbourhood")
    fields.setdefault("status", Initiative.Status.IDEA)
    return Initiative.objects.create(hub=hub, owner=owner, slug=slug, title=title, **fields)


@pytest.fixture
def idea(oslo, mia):
    return make_initiative(oslo, mia)


@pytest.fixture
def tina(idea):
    """On the idea's team, with no membership of the hub."""
    user = UserFactory(email="tina@example.org", name="Tina Team")
    TeamMember.objects.create(initiative=idea, user=user)
    return user


@pytest.fixture
def fred(idea, oslo):
    """An Oslo member who follows the idea."""
    user = MembershipFactory(hub=oslo, user=UserFactory(email="fred@example.org", name="Fred Follower")).user
    Follow.objects.create(initiative=idea, user=user)
    return user


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)
