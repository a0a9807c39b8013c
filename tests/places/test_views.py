"""Area pages: the map of a hub's areas and one area's page with its profile.

`build_dataset` makes a small world with the models directly (also used by the knowledge and
browser tests): two municipalities, `n` districts as squares in a row, three indicators and a
few years of values that differ from area to area and year to year.
"""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.knowledge.models import Indicator, Observation
from apps.places.models import Area, AreaLevel
from tests.factories import HubFactory

INDICATORS = [
    ("median_income", "Median income", Indicator.Category.ECONOMIC, "SEK"),
    ("employment_rate", "Employment rate", Indicator.Category.SOCIAL, "%"),
    ("green_access", "Access to green space", Indicator.Category.ECOLOGICAL, "%"),
    ("population", "Population", Indicator.Category.SOCIAL, "people"),
]


def square(x0: float, y0: float, size: float = 0.1) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
    }


def build_dataset(hub, *, n: int = 4, years=(2012, 2013, 2014), indicators: int = 3, prefix: str = "D"):
    """Two municipalities (M1 west, M2 east) and `n` districts 0.1° wide in a row (the first half
    in M1), neighbours side by side; `indicators` indicators with a value for every district,
    municipality and year (district 1 has none for the last indicator, to show "no data")."""
    municipality, _ = AreaLevel.objects.get_or_create(
        hub=hub,
        slug="municipality",
        defaults={"name": "Municipality", "name_plural": "Municipalities", "depth": 0},
    )
    district, _ = AreaLevel.objects.get_or_create(
        hub=hub, slug="district", defaults={"name": "District", "name_plural": "Districts", "depth": 1}
    )
    half = max(n // 2, 1)
    parents = [
        Area.objects.create(
            hub=hub,
            level=municipality,
            code=f"{prefix}M1",
            name="Westside",
            geometry=square(18, 59, 0.1 * half),
        ),
        Area.objects.create(
            hub=hub,
            level=municipality,
            code=f"{prefix}M2",
            name="Eastside",
            geometry=square(18 + 0.1 * half, 59, 0.1 * max(n - half, 1)),
        ),
    ]
    areas = Area.objects.bulk_create(
        [
            Area(
                hub=hub,
                level=district,
                parent=parents[0] if i < half else parents[1],
                code=f"{prefix}{i + 1}",
                name=f"District {i + 1:03d}",
                geometry=square(18 + 0.1 * i, 59),
                min_lon=18 + 0.1 * i,
                max_lon=18.1 + 0.1 * i,
                min_lat=59,
                max_lat=59.1,
            )
            for i in range(n)
        ]
    )
    Through = Area.neighbours.through
    Through.objects.bulk_create(
        [Through(from_area_id=a.pk, to_area_id=b.pk) for a, b in itertools.pairwise(areas)]
        + [Through(from_area_id=b.pk, to_area_id=a.pk) for a, b in itertools.pairwise(areas)]
        + [
            Through(from_area_id=parents[0].pk, to_area_id=parents[1].pk),
            Through(from_area_id=parents[1].pk, to_area_id=parents[0].pk),
        ]
    )
    made = []
    for k, (code, name, category, unit) in enumerate(INDICATORS[:indicators]):
        indicator, _ = Indicator.objects.get_or_create(
            hub=hub,
            code=code,
            defaults={"name_en": name, "category": category, "unit": unit, "source": "Tests"},
        )
        made.append(indicator)
        rows = []
        for y, year in enumerate(years):
            for i, area in enumerate(areas):
                if k == indicators - 1 and i == 0 and indicators > 1:
                    continue
                rows.append(
                    Observation(
                        indicator=indicator, area=area, year=year, value=100 * (k + 1) + 10 * i + 3 * y
                    )
                )
            for j, parent in enumerate(parents):
                rows.append(
                    Observation(indicator=indicator, area=parent, year=year, value=100 * (k + 1) + 5 * j + y)
                )
        Observation.objects.bulk_create(rows)
    return {
        "municipality": municipality,
        "district": district,
        "parents": parents,
        "areas": areas,
        "indicators": made,
    }


@pytest.fixture
def world(sodertorn):
    return build_dataset(sodertorn)


def test_the_map_page_lists_every_area_by_level(client, world):
    response = client.get("/sodertorn/areas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Municipalities" in html and "Districts" in html
    assert 'href="/sodertorn/areas/D3/"' in html
    assert "/api/v1/hubs/sodertorn/areas?level=municipality" in html
    assert "tile.openstreetmap.org" not in html  # tests never draw outside tiles


def test_the_map_page_switches_level(client, world):
    response = client.get("/sodertorn/areas/", {"level": "district"})
    assert response.status_code == 200
    assert "areas?level=district" in response.content.decode()


def test_an_unknown_level_is_a_400_with_the_first_level(client, world):
    response = client.get("/sodertorn/areas/", {"level": "<script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "areas?level=municipality" in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_map_page_of_a_hub_without_areas_says_so(client, sodertorn):
    response = client.get("/sodertorn/areas/")
    assert response.status_code == 200
    assert "No areas yet" in response.content.decode()


def test_an_unknown_hub_is_a_404(client, world):
    assert client.get("/nowhere/areas/").status_code == 404
    assert client.get("/nowhere/areas/D1/").status_code == 404


def test_the_area_page_shows_its_place_and_its_profile(client, world):
    response = client.get("/sodertorn/areas/D2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "District 002" in html
    assert 'href="/sodertorn/areas/DM1/"' in html  # parent
    assert 'href="/sodertorn/areas/D1/"' in html and 'href="/sodertorn/areas/D3/"' in html  # neighbours
    assert 'id="profile-data"' in html  # Chart.js data
    assert "Median income" in html and "Employment rate" in html
    assert "<table" in html and "<details" in html  # the same numbers as a table
    assert "Mean of all districts in" in html
    assert 'href="/sodertorn/areas/D2/brief/"' in html


def test_a_municipality_lists_its_districts(client, world):
    html = client.get("/sodertorn/areas/DM1/").content.decode()
    assert "2 areas within" in html
    assert 'href="/sodertorn/areas/D1/"' in html


def test_an_unknown_area_is_a_404(client, world):
    assert client.get("/sodertorn/areas/NOPE/").status_code == 404
    assert client.get("/sodertorn/areas/NOPE/brief/").status_code == 404


def test_another_hubs_area_is_not_reachable_under_this_hub(client, world):
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo")
    build_dataset(oslo, n=2, prefix="O")
    assert client.get("/oslo/areas/O1/").status_code == 200
    assert client.get("/sodertorn/areas/O1/").status_code == 404
    assert client.get("/oslo/areas/D1/").status_code == 404
    assert client.get("/oslo/areas/D1/brief/").status_code == 404


def test_an_area_without_values_says_so(client, sodertorn):
    level = AreaLevel.objects.create(hub=sodertorn, slug="district", name="District")
    Area.objects.create(hub=sodertorn, level=level, code="X", name="Empty", geometry=None)
    response = client.get("/sodertorn/areas/X/")
    assert response.status_code == 200
    assert "No numbers for this area yet" in response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_area_page_uses_a_constant_number_of_queries(client, sodertorn):
    world = build_dataset(sodertorn, n=4)
    small = _queries(client, "/sodertorn/areas/DM1/")
    build_dataset(sodertorn, n=12, prefix="E")
    world_big = Area.objects.get(code="EM1")
    big = _queries(client, f"/sodertorn/areas/{world_big.code}/")
    assert big == small, (small, big)
    assert world["areas"]


def test_the_map_page_uses_a_constant_number_of_queries(client, sodertorn):
    build_dataset(sodertorn, n=4)
    small = _queries(client, "/sodertorn/areas/")
    build_dataset(sodertorn, n=12, prefix="E")
    assert _queries(client, "/sodertorn/areas/") == small


def test_stewards_tag_an_area_with_a_goal_from_its_page(client, sodertorn, sven, stella):
    from apps.goals.models import GoalTag

    build_dataset(sodertorn, n=2)
    area = Area.objects.get(code="DM1")
    page = client.get("/sodertorn/areas/DM1/").content.decode()
    assert "Not tagged with any goal yet." in page
    assert 'name="tag"' not in page  # visitors see the tags, not the form

    client.force_login(sven)
    page = client.get("/sodertorn/areas/DM1/").content.decode()
    assert 'name="tag"' in page
    response = client.post(
        "/sodertorn/goals/tag/",
        {
            "content_type": ContentType.objects.get_for_model(Area).pk,
            "object_id": area.pk,
            "tag": "target:11.7",
            "action": "add",
            "next": "/sodertorn/areas/DM1/",
        },
    )
    assert response.status_code == 302
    assert GoalTag.objects.filter(object_id=area.pk, sdg_target__code="11.7").count() == 1
    assert "11.7" in client.get("/sodertorn/areas/DM1/").content.decode()

    # A steward of Oslo cannot tag Södertörn's areas.
    client.force_login(stella)
    response = client.post(
        "/sodertorn/goals/tag/",
        {
            "content_type": ContentType.objects.get_for_model(Area).pk,
            "object_id": area.pk,
            "tag": "sdg:13",
            "action": "add",
            "next": "/sodertorn/areas/DM1/",
        },
    )
    assert response.status_code == 403
    assert GoalTag.objects.filter(object_id=area.pk).count() == 1
