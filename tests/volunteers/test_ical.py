"""iCalendar: a .ics per shift (no names) and one's own shifts by session or personal address."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from apps.volunteers import services

from .conftest import SATURDAY, make_shift

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_a_shift_ics_is_valid_and_in_utc(client, shift, mia):
    services.sign_up(shift=shift, user=mia)
    calendar = parse(client.get(f"/oslo/volunteers/s/{shift.pk}.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    (item,) = calendar.walk("VEVENT")
    assert str(item["UID"]).startswith(f"shift-{shift.pk}@")
    start = item.decoded("DTSTART")
    assert start.utcoffset() == timedelta(0) and start == SATURDAY
    assert item.decoded("DTEND") == SATURDAY + timedelta(hours=4)
    assert str(item["LOCATION"]) == "Gårdsplassen"
    assert "Bygger" in str(item["SUMMARY"])
    assert mia.name.encode() not in client.get(f"/oslo/volunteers/s/{shift.pk}.ics").content


def test_my_shifts_by_session_and_by_personal_address(client, shift, builders, olga, mia, vic):
    other = make_shift(builders, olga, starts_at=SATURDAY + timedelta(days=1))
    make_shift(builders, olga, starts_at=SATURDAY + timedelta(days=2))  # not mine
    services.sign_up(shift=shift, user=mia)
    services.sign_up(shift=other, user=mia)
    services.sign_up(shift=shift, user=vic)
    client.force_login(mia)
    uids = {
        str(i["UID"]).split("@")[0] for i in parse(client.get("/oslo/volunteers/mine.ics")).walk("VEVENT")
    }
    assert uids == {f"shift-{shift.pk}", f"shift-{other.pk}"}
    client.logout()
    key = services.calendar_feed(user=mia).key
    feed = parse(client.get(f"/oslo/volunteers/feed/{key}.ics"))
    assert len(feed.walk("VEVENT")) == 2
    assert client.get("/oslo/volunteers/feed/not-a-key.ics").status_code == 404
    assert client.get("/oslo/volunteers/mine.ics").status_code == 302  # sign in first
    services.calendar_feed_renew(user=mia)
    assert client.get(f"/oslo/volunteers/feed/{key}.ics").status_code == 404


def test_a_cancelled_shift_says_so(client, shift, olga, mia):
    services.sign_up(shift=shift, user=mia)
    services.shift_cancel(shift=shift, actor=olga)
    (item,) = parse(client.get(f"/oslo/volunteers/s/{shift.pk}.ics")).walk("VEVENT")
    assert str(item["STATUS"]) == "CANCELLED"
