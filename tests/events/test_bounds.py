"""An event's place lies inside its hub's areas and its dates in a sensible window (not 1900,
not 9999); the messages say which hub and which window."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.events import services
from apps.events.models import Event
from apps.participation.spaces import Space
from tests.factories import MembershipFactory
from tests.initiatives.conftest import areas  # noqa: F401


def create(hub, actor, **extra):
    start = timezone.now() + timedelta(days=3)
    fields = {"title": "Dugnad", "starts_at": start, "ends_at": start + timedelta(hours=2), **extra}
    return services.event_create(space=Space(hub=hub), actor=actor, **fields)


@pytest.fixture
def steward(sodertorn):
    return MembershipFactory(hub=sodertorn, is_steward=True).user


def test_a_place_on_the_other_side_of_the_world_is_refused(sodertorn, areas, steward):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        create(sodertorn, steward, lon=-122.4, lat=37.8)
    assert exc.value.error_dict["lat"][0].code == "outside"
    assert "outside the areas of Södertörn" in exc.value.message_dict["lat"][0]
    assert not Event.objects.exists()
    assert create(sodertorn, steward, lon=17.85, lat=59.25).lon == 17.85


@pytest.mark.dates
@pytest.mark.parametrize(
    "year",
    [1900, 9999],
)
def test_dates_far_away_are_refused_with_the_window(oslo, stella, year):
    start = datetime(year, 6, 1, 18, tzinfo=timezone.get_current_timezone())
    with pytest.raises(ValidationError) as exc:
        create(oslo, stella, starts_at=start, ends_at=start + timedelta(hours=1))
    assert exc.value.error_dict["starts_at"][0].code == "date_out_of_range"
    assert "Choose a date between" in exc.value.message_dict["starts_at"][0]
    assert not Event.objects.exists()


def test_an_event_lasts_at_most_a_year(oslo, stella):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        create(oslo, stella, starts_at=start, ends_at=start + timedelta(days=400))
    assert exc.value.error_dict["ends_at"][0].code == "too_long"


@pytest.mark.dates
def test_an_old_event_can_still_be_edited_without_moving_it(oslo, stella, clock):
    event = create(oslo, stella)
    clock.shift(timedelta(days=3 * 366))
    services.event_update(event=event, actor=stella, title="Dugnad (referat)")
    event.refresh_from_db()
    assert event.title == "Dugnad (referat)"
