"""The tests' clock (tests/conftest.py): each test starts at one moment and runs on from there."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import clock_start


def test_every_test_starts_at_the_runs_moment():
    start = clock_start()
    assert timezone.now() >= start
    assert timezone.localdate() == start.astimezone(timezone.get_current_timezone()).date()
    # The standard library sees the same day.
    assert datetime.now(UTC).date() == start.astimezone(UTC).date()
    assert datetime.fromtimestamp(time.time(), UTC).date() == start.astimezone(UTC).date()


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
