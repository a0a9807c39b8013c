"""A general meeting's time lies in a sensible window: at most two years back, three ahead; a
saved time is checked again only when it changes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from apps.governance import services
from apps.governance.models import Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-06-17T10:00:00+02:00")]

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize("year", [1900, 2030, 9999])
def test_a_meeting_far_away_is_refused(oslo, stella, year):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            hub=oslo, actor=stella, title="Årsmøte", starts_at=datetime(year, 3, 1, 18, tzinfo=OSLO)
        )
    assert exc.value.error_dict["starts_at"][0].code == "date_out_of_range"
    assert "Choose a date between" in exc.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists()


def test_a_meeting_in_the_window_is_called_and_stays_editable(oslo, stella, clock):
    when = datetime(2027, 3, 1, 18, tzinfo=OSLO)
    meeting = services.meeting_create(hub=oslo, actor=stella, title="Årsmøte", starts_at=when)
    clock.shift(timedelta(days=4 * 366))
    services.meeting_update(
        meeting=meeting, actor=stella, title="Årsmøte 2027", starts_at=when, kind=meeting.kind
    )
    meeting.refresh_from_db()
    assert meeting.title == "Årsmøte 2027"
