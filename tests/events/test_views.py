"""Event pages: the calendar link in <head>, sign-up buttons, who sees attendees, 403/400/404."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.events.models import Event, Registration
from tests.events.conftest import make_event
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def head(response) -> str:
    html = response.content.decode()
    return html[html.index("<head>") : html.index("</head>")]


CAL_LINK = re.compile(r'<link rel="alternate" type="text/calendar"[^>]* href="([^"]+)"')


def test_hub_events_page_advertises_the_hub_feed_in_head(client, oslo):
    make_event(oslo)
    response = client.get("/oslo/events/")
    assert response.status_code == 200
    assert CAL_LINK.findall(head(response)) == ["/oslo/events/calendar.ics"]


def test_initiative_events_page_advertises_its_feed_in_head(client, oslo, courtyard):
    response = client.get("/oslo/events/i-courtyard/")
    assert response.status_code == 200
    assert CAL_LINK.findall(head(response)) == ["/oslo/events/i-courtyard/calendar.ics"]


def test_hub_home_advertises_the_feed(client, oslo):
    assert CAL_LINK.findall(head(client.get("/oslo/"))) == ["/oslo/events/calendar.ics"]


def test_calendar_link_snippet_with_initiative(oslo, courtyard):
    from django.template.loader import render_to_string

    html = render_to_string("events/includes/calendar_link.html", {"hub": oslo, "initiative": courtyard})
    assert CAL_LINK.findall(html) == ["/oslo/events/i-courtyard/calendar.ics"]


def test_upcoming_and_past_tabs(client, oslo):
    make_event(oslo, title="Coming up")
    make_event(oslo, days=-5, title="Long gone")
    upcoming = client.get("/oslo/events/").content.decode()
    past = client.get("/oslo/events/?when=past").content.decode()
    assert "Coming up" in upcoming and "Long gone" not in upcoming
    assert "Long gone" in past and "Coming up" not in past


def test_list_is_paginated(client, oslo):
    for n in range(14):
        make_event(oslo, days=n + 1, title=f"Event {n}")
    first = client.get("/oslo/events/").content.decode()
    second = client.get("/oslo/events/?page=2").content.decode()
    assert "Event 0" in first and "Event 13" not in first
    assert "Event 13" in second


def test_register_and_cancel_with_buttons(client, oslo, mia):
    event = make_event(oslo, capacity=1)
    client.force_login(mia)
    page = client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    assert f'action="/oslo/events/e/{event.pk}/register/"' in page
    response = client.post(f"/oslo/events/e/{event.pk}/register/")
    assert response.status_code == 302
    assert Registration.objects.get(event=event, user=mia).status == "confirmed"
    page = client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    assert "You are signed up" in page
    assert client.post(f"/oslo/events/e/{event.pk}/register/").status_code == 400  # twice
    assert client.post(f"/oslo/events/e/{event.pk}/cancel/").status_code == 302
    assert Registration.objects.get(event=event, user=mia).status == "cancelled"
    assert client.post(f"/oslo/events/e/{event.pk}/cancel/").status_code == 400


def test_waiting_list_position_is_shown(client, oslo, mia, bob, vic):
    event = make_event(oslo, capacity=1)
    for person in (mia, bob, vic):
        client.force_login(person)
        client.post(f"/oslo/events/e/{event.pk}/register/")
    page = client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    assert "You are number 2 on the waiting list" in page


def test_only_organisers_see_who_is_coming(client, oslo, stella, mia, sven):
    event = make_event(oslo)
    Registration.objects.create(event=event, user=mia, status="confirmed", position=1)
    client.force_login(stella)
    assert mia.email in client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    for person in (mia, sven):
        client.force_login(person)
        assert mia.email not in client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    client.logout()
    assert mia.email not in client.get(f"/oslo/events/e/{event.pk}/").content.decode()


def _form(**overrides):
    start = (timezone.localtime(timezone.now(), timezone.get_fixed_timezone(60)) + timedelta(days=5)).replace(
        tzinfo=None
    )
    data = {
        "kind": "workshop",
        "title": "Bench building",
        "description": "",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Sagene",
        "capacity": "10",
        "registration_open": "on",
    }
    data.update(overrides)
    return data


def test_create_event_in_the_hub_timezone(client, oslo, stella):
    client.force_login(stella)
    assert client.get("/oslo/events/hub/new/").status_code == 200
    response = client.post(
        "/oslo/events/hub/new/", _form(starts_at="2031-01-10T18:00", ends_at="2031-01-10T20:00")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2031-01-10T17:00:00+00:00"  # Oslo is UTC+1 in winter
    assert event.organiser == stella


def test_end_before_start_is_a_400_with_a_clear_error(client, oslo, stella):
    client.force_login(stella)
    response = client.post(
        "/oslo/events/hub/new/", _form(starts_at="2031-01-10T18:00", ends_at="2031-01-10T17:00")
    )
    assert response.status_code == 400
    assert "The event cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_people_without_power_get_403(client, oslo, mia, sven):
    event = make_event(oslo, days=-1)
    for person in (mia, sven):
        client.force_login(person)
        assert client.get("/oslo/events/hub/new/").status_code == 403
        assert client.post("/oslo/events/hub/new/", _form()).status_code == 403
        assert client.get(f"/oslo/events/e/{event.pk}/edit/").status_code == 403
        assert client.get(f"/oslo/events/e/{event.pk}/minutes/").status_code == 403
        assert (
            client.post(f"/oslo/events/e/{event.pk}/action-points/", {"action-title": "x"}).status_code == 403
        )


def test_anonymous_is_sent_to_sign_in(client, oslo):
    event = make_event(oslo)
    response = client.post(f"/oslo/events/e/{event.pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_hubs_events_and_unknown_spaces_are_404(client, oslo, sodertorn, sven):
    event = make_event(oslo)
    assert client.get(f"/sodertorn/events/e/{event.pk}/").status_code == 404
    assert client.get("/oslo/events/i-nowhere/").status_code == 404
    assert client.get("/oslo/events/e/999999/").status_code == 404
    client.force_login(sven)
    assert client.post(f"/sodertorn/events/e/{event.pk}/register/").status_code == 404


def test_minutes_and_action_points_pages(client, oslo, stella, mia, vic):
    event = make_event(oslo, days=-1, organiser=stella)
    client.force_login(stella)
    assert client.get(f"/oslo/events/e/{event.pk}/minutes/").status_code == 200
    response = client.post(f"/oslo/events/e/{event.pk}/minutes/", {"minutes": "We met. <script>x</script>"})
    assert response.status_code == 302
    response = client.post(
        f"/oslo/events/e/{event.pk}/action-points/", {"action-title": "Order wood", "action-assignee": mia.pk}
    )
    assert response.status_code == 302
    bad = client.post(
        f"/oslo/events/e/{event.pk}/action-points/", {"action-title": "Paint", "action-assignee": vic.pk}
    )
    assert bad.status_code == 400
    page = client.get(f"/oslo/events/e/{event.pk}/").content.decode()
    assert "Order wood" in page and "We met." in page
    assert "<script>x</script>" not in page


def test_login_page_exists_for_password(client, oslo, mia):
    assert client.login(email=mia.email, password=PASSWORD)
