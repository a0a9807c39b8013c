"""A mark must lie inside its hub (its areas, its stewards' box, or its country), also on a
map that does not require its own boundary."""

import json

from apps.hubs import services as hub_services
from apps.mapinput.models import MapMark


def test_a_mark_outside_the_hub_is_refused_and_inside_taken(client, oslo, stella, mia, url, categories):
    mark_settings = categories[0].settings
    mark_settings.boundary_required = False
    mark_settings.save()
    hub_services.hub_set_bounds(
        hub=oslo,
        actor=stella,
        bounds_min_lon=10.4,
        bounds_min_lat=59.8,
        bounds_max_lon=11.0,
        bounds_max_lat=60.1,
    )
    client.force_login(mia)
    data = {"category": categories[0].pk, "kind": "point", "comment": "Bench"}
    outside = client.post(
        url, {**data, "geometry": json.dumps({"type": "Point", "coordinates": [5.32, 60.39]})}
    )
    assert outside.status_code == 400
    assert "outside the areas of Pådriv Oslo" in outside.content.decode()
    assert not MapMark.objects.exists()
    inside = client.post(
        url, {**data, "geometry": json.dumps({"type": "Point", "coordinates": [10.9, 60.0]})}
    )
    assert inside.status_code == 302
    assert MapMark.objects.count() == 1
