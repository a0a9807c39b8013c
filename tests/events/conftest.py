from datetime import timedelta

import pytest
from django.utils import timezone

from apps.events.models import Event
from apps.initiatives.models import Initiative
from tests.factories import MembershipFactory, UserFactory


def make_event(hub, *, initiative=None, days=7, hours=2, capacity=None, organiser=None, **extra):
    start = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        hub=hub,
        initiative=initiative,
        title=extra.pop("title", "Workshop at Tøyen"),
        kind=extra.pop("kind", Event.Kind.WORKSHOP),
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        location=extra.pop("location", "Tøyen torg"),
        capacity=capacity,
        organiser=organiser,
        **extra,
    )


@pytest.fixture
def olga(oslo):
    """Owns the Oslo initiative `courtyard`; an ordinary member otherwise."""
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def courtyard(oslo, olga):
    return Initiative.objects.create(hub=oslo, slug="courtyard", title="Green courtyard", owner=olga)
