"""iCalendar (RFC 5545) for events, written with the icalendar library.

Each VEVENT has a UID that never changes for the event (its id and the site's host), DTSTAMP
(when the event was last changed), DTSTART/DTEND in UTC, SUMMARY, DESCRIPTION as plain text
(the Markdown rendered and its tags stripped), LOCATION, GEO when there is a point, and URL.
"""

import html
from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as VEvent

from apps.core.markdown import render_markdown
from apps.events.models import Event

PRODID = "-//Allmenning//Events//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "allmenning"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def plain_text(markdown: str) -> str:
    return html.unescape(strip_tags(render_markdown(markdown))).strip()


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    site = settings.SITE_URL.rstrip("/")
    for event in events:
        item = VEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", event.updated_at.astimezone(UTC))
        item.add("dtstart", event.starts_at.astimezone(UTC))
        item.add("dtend", event.ends_at.astimezone(UTC))
        item.add("summary", event.title)
        description = plain_text(event.description)
        if description:
            item.add("description", description)
        if event.location:
            item.add("location", event.location)
        if event.lat is not None and event.lon is not None:
            item.add("geo", (event.lat, event.lon))
        item.add("url", f"{site}{event.get_absolute_url()}")
        item.add("categories", [event.get_kind_display()])
        calendar.add_component(item)
    return calendar.to_ical()


def calendar_response(
    events: Iterable[Event], *, name: str, filename: str, download: bool = False
) -> HttpResponse:
    response = HttpResponse(calendar_bytes(events, name=name), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
