"""iCalendar (RFC 5545) for shifts, written with the icalendar library as apps.events.ical:
a UID that never changes per shift, DTSTAMP, DTSTART/DTEND in UTC, SUMMARY, LOCATION, URL and
STATUS (CANCELLED for a cancelled shift)."""

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Shift

PRODID = "-//Allmenning//Volunteers//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "allmenning"


def shift_uid(shift: Shift) -> str:
    return f"shift-{shift.pk}@{_host()}"


def calendar_bytes(shifts: Iterable[Shift], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    site = settings.SITE_URL.rstrip("/")
    for shift in shifts:
        item = VEvent()
        item.add("uid", shift_uid(shift))
        item.add("dtstamp", shift.updated_at.astimezone(UTC))
        item.add("dtstart", shift.starts_at.astimezone(UTC))
        item.add("dtend", shift.ends_at.astimezone(UTC))
        item.add("summary", f"{shift.role.name} – {shift.initiative.title}")
        if shift.role.description:
            item.add("description", shift.role.description)
        item.add("location", shift.place)
        item.add("url", f"{site}{shift.get_absolute_url()}")
        item.add("status", "CANCELLED" if shift.is_cancelled else "CONFIRMED")
        calendar.add_component(item)
    return calendar.to_ical()


def calendar_response(
    shifts: Iterable[Shift], *, name: str, filename: str, download: bool = False
) -> HttpResponse:
    response = HttpResponse(calendar_bytes(shifts, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"attachment" if download else "inline"}; filename="{filename}"'
    return response
