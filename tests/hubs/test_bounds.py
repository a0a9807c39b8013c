"""A hub's bounding box: stewards set it (checked: all four edges or none, inside ±180/±90,
ordered, no wider than a region) on the settings page through a service that writes an audit
entry; nobody else may. Places then lie inside the hub's areas or this box; a hub with neither
takes places in its country. The messages name the hub."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.events import services as event_services
from apps.hubs import services
from apps.initiatives import services as initiative_services
from apps.initiatives.models import Initiative
from apps.participation.spaces import Space
from apps.places.bounds import check_in_hub

OSLO_BOX = {"bounds_min_lon": 10.4, "bounds_min_lat": 59.8, "bounds_max_lon": 11.0, "bounds_max_lat": 60.1}


def set_box(hub, actor, **edges):
    return services.hub_set_bounds(hub=hub, actor=actor, **{**OSLO_BOX, **edges})


def test_a_steward_sets_and_removes_the_box_with_an_audit_entry(oslo, stella):
    set_box(oslo, stella)
    oslo.refresh_from_db()
    assert oslo.bounds == (10.4, 59.8, 11.0, 60.1)
    entry = AuditEntry.objects.get(action="hubs.bounds_change")
    assert entry.actor == stella and entry.data["after"] == [10.4, 59.8, 11.0, 60.1]
    services.hub_set_bounds(
        hub=oslo,
        actor=stella,
        bounds_min_lon=None,
        bounds_min_lat=None,
        bounds_max_lon=None,
        bounds_max_lat=None,
    )
    oslo.refresh_from_db()
    assert oslo.bounds is None
    assert AuditEntry.objects.filter(action="hubs.bounds_change").count() == 2


@pytest.mark.parametrize("who", ["mia", "vic", "sven"])
def test_only_the_hubs_stewards_set_the_box(request, oslo, who):
    with pytest.raises(PermissionDenied):
        set_box(oslo, request.getfixturevalue(who))
    oslo.refresh_from_db()
    assert oslo.bounds is None
    assert not AuditEntry.objects.filter(action="hubs.bounds_change").exists()


@pytest.mark.parametrize(
    ("edges", "field", "code"),
    [
        ({"bounds_max_lat": None}, "bounds_max_lat", "incomplete"),
        ({"bounds_min_lon": -181.0}, "bounds_min_lon", "out_of_range"),
        ({"bounds_max_lat": 91.0}, "bounds_max_lat", "out_of_range"),
        ({"bounds_max_lon": 10.0}, "bounds_max_lon", "unordered"),
        ({"bounds_min_lat": 60.5}, "bounds_max_lat", "unordered"),
        ({"bounds_min_lon": -20.0}, "bounds_max_lon", "too_large"),
        ({"bounds_min_lat": 45.0}, "bounds_max_lat", "too_large"),
    ],
)
def test_a_wrong_box_is_refused_on_its_field(oslo, stella, edges, field, code):
    with pytest.raises(ValidationError) as exc:
        set_box(oslo, stella, **edges)
    assert exc.value.error_dict[field][0].code == code
    oslo.refresh_from_db()
    assert oslo.bounds is None


def test_the_settings_page_sets_the_box(client, oslo, stella, mia):
    client.force_login(mia)
    assert client.post("/oslo/manage/settings/", {"form": "bounds", **OSLO_BOX}).status_code == 403
    client.force_login(stella)
    page = client.get("/oslo/manage/settings/").content.decode()
    assert 'name="bounds_min_lon"' in page
    wrong = client.post("/oslo/manage/settings/", {"form": "bounds", **OSLO_BOX, "bounds_max_lon": "10"})
    assert wrong.status_code == 400
    assert "The easternmost longitude must be greater than the westernmost." in wrong.content.decode()
    oslo.refresh_from_db()
    assert oslo.bounds is None
    saved = client.post("/oslo/manage/settings/", {"form": "bounds", **OSLO_BOX})
    assert saved.status_code == 302
    oslo.refresh_from_db()
    assert oslo.bounds == (10.4, 59.8, 11.0, 60.1)


# Places against the box ------------------------------------------------------------------


def submit(hub, actor, lon, lat):
    return initiative_services.initiative_submit(
        hub=hub, actor=actor, title="Benk", place={"type": "Point", "coordinates": [lon, lat]}
    )


def test_with_a_box_a_place_inside_it_is_taken_and_outside_refused(oslo, stella, mia):
    set_box(oslo, stella)
    assert submit(oslo, mia, 10.75, 59.91).lon == 10.75
    with pytest.raises(ValidationError) as exc:
        submit(oslo, mia, 5.32, 60.39)  # Bergen: in Norway, not in Oslo's box
    assert exc.value.error_dict["place"][0].code == "outside"
    assert "outside the areas of Pådriv Oslo" in exc.value.message_dict["place"][0]
    assert Initiative.objects.count() == 1


def test_without_areas_or_box_the_country_is_the_limit(oslo, mia):
    assert submit(oslo, mia, 5.32, 60.39).lon == 5.32  # anywhere in Norway
    with pytest.raises(ValidationError) as exc:
        submit(oslo, mia, 12.57, 55.68)  # Copenhagen
    message = exc.value.message_dict["place"][0]
    assert "outside Norway, where Pådriv Oslo is" in message


def test_an_event_place_is_checked_against_the_box(oslo, stella):
    from datetime import timedelta

    from django.utils import timezone

    set_box(oslo, stella)
    start = timezone.now() + timedelta(days=3)
    fields = {"title": "Dugnad", "starts_at": start, "ends_at": start + timedelta(hours=2)}
    with pytest.raises(ValidationError) as exc:
        event_services.event_create(space=Space(hub=oslo), actor=stella, lon=5.32, lat=60.39, **fields)
    assert "outside the areas of Pådriv Oslo" in exc.value.message_dict["lat"][0]
    event = event_services.event_create(space=Space(hub=oslo), actor=stella, lon=10.75, lat=59.91, **fields)
    assert event.lat == 59.91


def test_a_box_next_to_the_areas_adds_to_them(sodertorn, sven):
    from apps.places.models import Area, AreaLevel
    from tests.initiatives.conftest import square

    level = AreaLevel.objects.create(hub=sodertorn, slug="kommun", name="Kommun", depth=0)
    Area.objects.create(
        hub=sodertorn,
        level=level,
        code="0127",
        name="Botkyrka",
        geometry=square(17.85, 59.25, 0.05),
        min_lon=17.8,
        max_lon=17.9,
        min_lat=59.2,
        max_lat=59.3,
    )
    with pytest.raises(ValidationError):
        check_in_hub(sodertorn, lon=18.3, lat=59.3, field="lat")
    check_in_hub(sodertorn, lon=17.85, lat=59.25, field="lat")  # inside the area
    services.hub_set_bounds(
        hub=sodertorn,
        actor=sven,
        bounds_min_lon=18.0,
        bounds_min_lat=59.0,
        bounds_max_lon=18.5,
        bounds_max_lat=59.5,
    )
    check_in_hub(sodertorn, lon=18.3, lat=59.3, field="lat")  # inside the box now
