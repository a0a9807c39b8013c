"""The tests' clock (tests/conftest.py): each test starts at one moment and runs on from there."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import clock_start


def test_every_test_starts_at_the_runs_moment():
    now = timezone.now()
    assert clock_start() <= now < clock_start() + timedelta(minutes=1)
    assert datetime.now(UTC) - now < timedelta(minutes=1)  # the standard library agrees
    assert abs(time.time() - now.timestamp()) < 60


def test_the_clock_runs_on():
    first = timezone.now()
    second = timezone.now()
    assert second > first


@pytest.mark.clock("2028-02-29T12:00:00+01:00")
def test_a_test_can_pin_its_own_moment():
    assert timezone.localdate().isoformat() == "2028-02-29"


def test_a_test_can_move_its_clock(clock):
    clock.move_to(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.get_fixed_timezone(60)))
    clock.shift(timedelta(hours=1))
    assert timezone.localdate().isoformat() == "2027-01-01"
