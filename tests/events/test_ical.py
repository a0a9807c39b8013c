"""iCalendar feeds, parsed back with icalendar: one VEVENT per event, times in UTC, stable UIDs."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from apps.events import services
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_hub_feed_has_every_event_in_utc(client, oslo, sodertorn, courtyard):
    events = [make_event(oslo), make_event(oslo, initiative=courtyard, description="**Bring** gloves")]
    make_event(sodertorn)  # another hub's event stays out

    calendar = parse(client.get("/oslo/events/calendar.ics"))

    assert str(calendar["VERSION"]) == "2.0"
    assert "Allmenning" in str(calendar["PRODID"])
    items = vevents(calendar)
    assert len(items) == 2
    by_uid = {str(item["UID"]): item for item in items}
    for event in events:
        item = next(i for uid, i in by_uid.items() if uid.startswith(f"event-{event.pk}@"))
        start, end = item.decoded("DTSTART"), item.decoded("DTEND")
        assert start.utcoffset() == timedelta(0) and end.utcoffset() == timedelta(0)
        assert start == event.starts_at.replace(microsecond=0)
        assert end == event.ends_at.replace(microsecond=0)
        assert item["DTSTART"].to_ical().endswith(b"Z")
        assert str(item["SUMMARY"]) == event.title
        assert str(item["LOCATION"]) == event.location
        assert str(item["URL"]).endswith(f"/oslo/events/e/{event.pk}/")
        assert "DTSTAMP" in item
    described = next(i for i in items if "DESCRIPTION" in i)
    assert str(described["DESCRIPTION"]) == "Bring gloves"  # plain text, no Markdown or HTML


def test_uids_stay_the_same_across_fetches_and_edits(client, oslo, stella):
    event = make_event(oslo)
    first = [str(i["UID"]) for i in vevents(parse(client.get("/oslo/events/calendar.ics")))]
    services.event_update(event=event, actor=stella, title="Renamed workshop")
    second = vevents(parse(client.get("/oslo/events/calendar.ics")))
    assert [str(i["UID"]) for i in second] == first
    assert str(second[0]["SUMMARY"]) == "Renamed workshop"


def test_initiative_feed_has_only_its_events(client, oslo, courtyard):
    mine = make_event(oslo, initiative=courtyard)
    make_event(oslo)
    items = vevents(parse(client.get("/oslo/events/i-courtyard/calendar.ics")))
    assert len(items) == 1
    assert str(items[0]["UID"]).startswith(f"event-{mine.pk}@")
    assert client.get("/oslo/events/i-nowhere/calendar.ics").status_code == 404


def test_one_event_downloads_as_ics(client, oslo, sodertorn):
    event = make_event(oslo, lat=59.91, lon=10.75)
    response = client.get(f"/oslo/events/e/{event.pk}.ics")
    items = vevents(parse(response))
    assert len(items) == 1
    assert "attachment" in response["Content-Disposition"]
    assert items[0].decoded("DTSTART").tzinfo is not None
    assert client.get(f"/sodertorn/events/e/{event.pk}.ics").status_code == 404


def test_api_feed_is_the_same_feed(client, oslo):
    make_event(oslo)
    make_event(oslo, days=20)
    page = vevents(parse(client.get("/oslo/events/calendar.ics")))
    api = vevents(parse(client.get("/api/v1/hubs/oslo/events.ics")))
    assert [str(i["UID"]) for i in api] == [str(i["UID"]) for i in page]
    assert client.get("/api/v1/hubs/nowhere/events.ics").status_code == 404


def test_times_in_a_non_utc_zone_are_written_in_utc(client, oslo, stella):
    from zoneinfo import ZoneInfo

    start = datetime(2031, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    from apps.participation.spaces import Space

    services.event_create(
        space=Space(hub=oslo),
        actor=stella,
        title="Summer",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    item = vevents(parse(client.get("/oslo/events/calendar.ics")))[0]
    assert item["DTSTART"].to_ical() == b"20310701T080000Z"
    assert item.decoded("DTSTART") == datetime(2031, 7, 1, 8, 0, tzinfo=UTC)
