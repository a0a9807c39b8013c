"""The events API: shape, filters, pagination, and the same number of queries at N and 3N."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.events.models import Registration
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

N = 4


def test_shape_and_filters(client, oslo, courtyard):
    coming = make_event(oslo, capacity=2, lat=59.9, lon=10.7)
    make_event(oslo, initiative=courtyard, days=10)
    make_event(oslo, days=-3, title="Past")
    Registration.objects.create(event=coming, user=UserFactory(), status="confirmed", position=1)
    Registration.objects.create(event=coming, user=UserFactory(), status="waiting", position=2)

    body = client.get("/api/v1/hubs/oslo/events").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["id"] == coming.pk
    assert first["confirmed"] == 1 and first["waiting"] == 1 and first["capacity"] == 2
    assert first["space"] == "hub"
    assert first["url"] == f"/oslo/events/e/{coming.pk}/"
    assert first["ics"] == f"/oslo/events/e/{coming.pk}.ics"
    assert set(first) >= {
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "location",
        "lon",
        "lat",
        "registration_open",
    }

    past = client.get("/api/v1/hubs/oslo/events?when=past").json()
    assert [e["title"] for e in past["items"]] == ["Past"]
    space = client.get("/api/v1/hubs/oslo/events?space=i-courtyard").json()
    assert space["count"] == 1 and space["items"][0]["space"] == "i-courtyard"
    assert client.get("/api/v1/hubs/oslo/events?space=i-nowhere").status_code == 404
    assert client.get("/api/v1/hubs/nowhere/events").status_code == 404
    limited = client.get("/api/v1/hubs/oslo/events?limit=1").json()
    assert limited["count"] == 2 and len(limited["items"]) == 1


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def _grow(hub, initiative, n):
    for _ in range(n):
        event = make_event(hub, capacity=3, organiser=UserFactory())
        make_event(hub, initiative=initiative, days=-2)
        Registration.objects.create(event=event, user=UserFactory(), status="confirmed", position=1)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hubs/oslo/events",
        "/api/v1/hubs/oslo/events?when=past",
        "/api/v1/hubs/oslo/events.ics",
        "/oslo/events/",
        "/oslo/events/?when=past",
        "/oslo/events/i-courtyard/?when=past",
        "/oslo/events/calendar.ics",
        "/oslo/events/i-courtyard/calendar.ics",
    ],
)
def test_constant_queries(client, oslo, courtyard, mia, path):
    client.force_login(mia)
    _grow(oslo, courtyard, N)
    at_n = _queries(client, path)
    _grow(oslo, courtyard, 2 * N)
    assert _queries(client, path) == at_n
    assert at_n < 20


def test_initiative_panel_renders_in_constant_queries(rf, oslo, courtyard, mia):
    from django.template.loader import render_to_string

    def render():
        from apps.accounts.models import User

        user = User.objects.get(pk=mia.pk)  # a fresh request: no cached memberships
        request = rf.get("/")
        request.user = user
        with CaptureQueriesContext(connection) as captured:
            html = render_to_string(
                "events/includes/initiative_panel.html",
                {"initiative": courtyard, "hub": oslo, "user": user, "request": request},
            )
        return html, len(captured)

    for n in range(3):
        make_event(oslo, initiative=courtyard, days=n + 1, title=f"Panel event {n}")
    html, count = render()
    assert "Panel event 0" in html and "Sign up" in html
    for n in range(6):
        make_event(oslo, initiative=courtyard, days=n + 10)
    assert render()[1] == count
