"""Search in two hubs: something of every kind in Oslo (Norwegian) and a little in Södertörn
(Swedish). The cast (stella, nora, bob, mia, vic, sven) is in tests/conftest.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.events.models import Event
from apps.goals.models import HubGoal
from apps.initiatives.models import Initiative
from apps.library import services as library_services
from apps.participation import services as participation_services
from apps.participation.spaces import Space
from apps.places.models import Area, AreaLevel
from apps.search import selectors
from tests.factories import UserFactory


def found(q, user=None, hub=None, kinds=None):
    """(kind, title without marks) of every hit."""
    results = selectors.search(q=q, user=user, hub=hub, kinds=kinds)
    return [(h.kind, h.title.replace("<mark>", "").replace("</mark>", "")) for h in results[0:100]]


def make_initiative(hub, title="Grønn gårdsplass", summary="", description="", slug=None, owner=None):
    return Initiative.objects.create(
        hub=hub,
        slug=slug or title.lower().replace(" ", "-")[:60],
        title=title,
        summary=summary,
        description=description,
        owner=owner or UserFactory(),
    )


def make_event(hub, title="Verksted om benker", description="", **extra):
    starts = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        hub=hub,
        title=title,
        description=description,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **extra,
    )


def make_idea(hub, author, title="Benker i gården", body="Flere benker, takk."):
    return participation_services.idea_create(space=Space(hub=hub), author=author, title=title, body=body)


def make_area(hub, name="Grünerløkka", code="0301-02"):
    level, _ = AreaLevel.objects.get_or_create(hub=hub, slug="district", defaults={"name": "Bydel"})
    return Area.objects.create(hub=hub, level=level, code=code, name=name)


def make_goal(hub, title="Mer grønt i byen", code="gront", description=""):
    return HubGoal.objects.create(hub=hub, code=code, title=title, description=description)


def make_entry(hub, actor, title="Utforskende møte", publish=True, **values):
    return library_services.entry_create(
        actor=actor,
        hub=hub,
        kind="method",
        title=title,
        licence="cc-by-4.0",
        summary=values.pop("summary", "Slik holder du et møte."),
        publish=publish,
        **values,
    )


@pytest.fixture
def olga(db):
    return UserFactory(email="olga@example.org", name="Olga Owner")
