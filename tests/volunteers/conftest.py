"""The cast for volunteers: Olga owns the courtyard initiative in Oslo with Lena as project lead
and Tom in the team; the builders' shift is on the first Saturday at least three days after the
test clock starts (20 June 2026 with the default clock), 10:00–14:00 in Oslo."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from apps.initiatives.models import Initiative, TeamMember
from apps.volunteers import services
from tests.conftest import clock_start
from tests.factories import MembershipFactory, UserFactory

OSLO = ZoneInfo("Europe/Oslo")


def _saturday_after(start: datetime) -> datetime:
    day = start.astimezone(OSLO).date() + timedelta(days=3)
    day += timedelta(days=(5 - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=OSLO)


SATURDAY = _saturday_after(clock_start())


@pytest.fixture
def olga(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def lena(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="lena@example.org", name="Lena Lead")).user


@pytest.fixture
def tom(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="tom@example.org", name="Tom Team")).user


@pytest.fixture
def courtyard(oslo, olga, lena, tom):
    initiative = Initiative.objects.create(hub=oslo, slug="courtyard", title="Grønn gårdsplass", owner=olga)
    TeamMember.objects.create(initiative=initiative, user=lena, role="lead")
    TeamMember.objects.create(initiative=initiative, user=tom, role="member")
    return initiative


@pytest.fixture
def builders(courtyard, olga):
    return services.role_create(initiative=courtyard, actor=olga, name="Bygger", description="Bygg benker")


def make_shift(role, actor, *, capacity=3, starts_at=SATURDAY, hours=4, place="Gårdsplassen"):
    return services.shift_create(
        role=role,
        actor=actor,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        place=place,
        capacity=capacity,
    )


@pytest.fixture
def shift(builders, olga):
    return make_shift(builders, olga, capacity=2)


def volunteers(n, prefix="v"):
    return [UserFactory(email=f"{prefix}{i}@example.org", name=f"Frivillig {prefix}{i}") for i in range(n)]
