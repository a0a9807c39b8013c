"""Reading areas: by level, by bounding box, by point (deepest first), one with its relations."""

import pytest
from django.http import Http404

from apps.places import selectors, services
from tests.places.conftest import square


def codes(qs):
    return sorted(a.code for a in qs)


def test_areas_for_hub_by_level(grid, sodertorn):
    assert codes(selectors.areas_for_hub(hub=sodertorn)) == ["D1", "D2", "D3", "D4", "M1", "M2"]
    assert codes(selectors.areas_for_hub(hub=sodertorn, level="municipality")) == ["M1", "M2"]
    assert [a.level.depth for a in selectors.areas_for_hub(hub=sodertorn)] == [0, 0, 1, 1, 1, 1]


def test_areas_in_bbox(grid, sodertorn):
    assert codes(selectors.areas_in_bbox(hub=sodertorn, bbox=(17.1, 59.1, 17.2, 59.2))) == ["D1", "M1"]
    assert codes(selectors.areas_in_bbox(hub=sodertorn, bbox=(17.6, 59.1, 18.2, 59.2), level="district")) == [
        "D2",
        "D3",
    ]
    assert codes(selectors.areas_in_bbox(hub=sodertorn, bbox=(0, 0, 1, 1))) == []


def test_area_at_point_finds_the_deepest_area(grid, sodertorn):
    assert selectors.area_at_point(hub=sodertorn, lon=17.7, lat=59.5).code == "D2"
    assert selectors.area_at_point(hub=sodertorn, lon=17.7, lat=59.5, level="municipality").code == "M1"
    assert selectors.area_at_point(hub=sodertorn, lon=18.9, lat=59.9).code == "D4"
    assert selectors.area_at_point(hub=sodertorn, lon=16.9, lat=59.5) is None


def test_area_at_point_uses_the_real_shape_not_the_bbox(sodertorn, levels):
    triangle = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [0, 2], [0, 0]]]}
    services.areas_upsert(hub=sodertorn, level=levels["district"], rows=[{"code": "T", "geometry": triangle}])
    assert selectors.area_at_point(hub=sodertorn, lon=0.5, lat=0.5).code == "T"
    assert selectors.area_at_point(hub=sodertorn, lon=1.8, lat=1.8) is None  # inside the bbox only


def test_another_hubs_areas_never_appear(grid, sodertorn, oslo):
    level = services.area_level_ensure(hub=oslo, slug="district")
    services.areas_upsert(hub=oslo, level=level, rows=[{"code": "O1", "geometry": square(17, 59)}])
    assert codes(selectors.areas_for_hub(hub=oslo)) == ["O1"]
    assert "O1" not in codes(selectors.areas_for_hub(hub=sodertorn))
    assert selectors.area_at_point(hub=oslo, lon=17.7, lat=59.5).code == "O1"
    with pytest.raises(Http404):
        selectors.area_get(hub=oslo, code="M1")


def test_area_get_prefetches_its_relations(grid, sodertorn, django_assert_num_queries):
    with django_assert_num_queries(3):
        area = selectors.area_get(hub=sodertorn, code="M1")
        assert area.level.slug == "municipality"
        assert area.parent is None
        assert [c.code for c in area.children.all()] == ["D1", "D2"]
        assert [n.code for n in area.neighbours.all()] == ["M2"]
    with django_assert_num_queries(3):
        d2 = selectors.area_get(hub=sodertorn, code="D2")
        assert (d2.parent.code, d2.parent.level.slug) == ("M1", "municipality")
        assert sorted(n.code for n in d2.neighbours.all()) == ["D1", "D3"]
