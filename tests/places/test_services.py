"""Writing areas: levels, upserts (created / updated / unchanged), parents, neighbours, errors."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.places import services
from apps.places.geometry import GeometryError
from apps.places.models import Area, AreaLevel
from apps.places.topojson import decode
from tests.places.conftest import BASOMR, KOMMUN, square
from tests.places.test_geometry import BOW_TIE


def test_area_levels_ensure_sets_depth_by_order_and_is_idempotent(sodertorn):
    levels = services.area_levels_ensure(
        hub=sodertorn,
        levels=[("municipality", "Municipality", "Municipalities"), ("small-area", "Small area", "")],
    )
    assert [(lv.slug, lv.depth) for lv in levels.values()] == [("municipality", 0), ("small-area", 1)]
    again = services.area_levels_ensure(
        hub=sodertorn, levels=[("municipality", "Kommun", "Kommuner"), ("small-area", "Small area", "")]
    )
    assert again["municipality"].pk == levels["municipality"].pk
    assert AreaLevel.objects.get(pk=levels["municipality"].pk).name == "Kommun"
    assert AreaLevel.objects.filter(hub=sodertorn).count() == 2


def test_area_level_ensure_appends_below_existing_levels(sodertorn, levels):
    level = services.area_level_ensure(hub=sodertorn, slug="block")
    assert (level.depth, level.name) == (2, "Block")
    assert services.area_level_ensure(hub=sodertorn, slug="block", name="Kvarter").name == "Kvarter"
    assert AreaLevel.objects.get(pk=level.pk).depth == 2


def test_upsert_creates_then_leaves_unchanged_then_updates_in_place(sodertorn, levels):
    rows = [
        {"code": "M1", "name": "West", "geometry": square(17, 59), "attributes": {"pop": 1}},
        {"code": "M2", "name": "East", "geometry": square(18, 59)},
    ]
    result = services.areas_upsert(hub=sodertorn, level=levels["municipality"], rows=rows)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    m1 = Area.objects.get(hub=sodertorn, code="M1")
    assert (m1.min_lon, m1.min_lat, m1.max_lon, m1.max_lat) == (17, 59, 18, 60)
    assert 17 < m1.label_lon < 18 and 59 < m1.label_lat < 60
    assert m1.attributes == {"pop": 1}

    with CaptureQueriesContext(connection) as captured:
        result = services.areas_upsert(hub=sodertorn, level=levels["municipality"], rows=rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert not [q for q in captured if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]

    rows[1] = {"code": "M2", "name": "Öst", "geometry": square(18, 59, 2)}
    result = services.areas_upsert(hub=sodertorn, level=levels["municipality"], rows=rows)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    m2 = Area.objects.get(hub=sodertorn, code="M2")
    assert (m2.name, m2.max_lon) == ("Öst", 20)
    assert Area.objects.filter(hub=sodertorn).count() == 2
    assert Area.objects.get(hub=sodertorn, code="M1").pk == m1.pk


def test_codes_are_text_and_names_fall_back_to_codes(sodertorn, levels):
    services.areas_upsert(
        hub=sodertorn, level=levels["district"], rows=[{"code": 6161000.0}, {"code": " 7 "}]
    )
    assert sorted(Area.objects.values_list("code", "name")) == [("6161000", "6161000"), ("7", "7")]
    assert Area.objects.get(code="7").geometry is None


def test_parents_resolve_by_code_among_existing_areas_and_the_same_rows(grid, sodertorn):
    d1 = Area.objects.select_related("parent").get(hub=sodertorn, code="D1")
    assert d1.parent.code == "M1"
    result = services.areas_upsert(
        hub=sodertorn,
        level=grid["district"],
        rows=[
            {"code": "X2", "name": "Child", "parent_code": "X1"},
            {"code": "X1", "name": "Parent", "parent_code": "M2"},
        ],
    )
    assert result.created == 2
    assert Area.objects.get(code="X2").parent.code == "X1"
    assert Area.objects.get(code="X1").parent.code == "M2"
    again = services.areas_upsert(
        hub=sodertorn,
        level=grid["district"],
        rows=[
            {"code": "X2", "name": "Child", "parent_code": "X1"},
            {"code": "X1", "name": "Parent", "parent_code": "M2"},
        ],
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_parents_in_another_hub_are_not_found(grid, oslo):
    level = services.area_level_ensure(hub=oslo, slug="district")
    with pytest.raises(
        GeometryError, match="feature 0, code 'O1': its parent 'M1' is not an area of this hub"
    ):
        services.areas_upsert(
            hub=oslo, level=level, rows=[{"code": "O1", "name": "Oslo 1", "parent_code": "M1"}]
        )
    assert not Area.objects.filter(hub=oslo).exists()


def test_the_same_code_in_two_hubs_is_two_areas(grid, oslo):
    level = services.area_level_ensure(hub=oslo, slug="municipality")
    services.areas_upsert(
        hub=oslo, level=level, rows=[{"code": "M1", "name": "Oslo", "geometry": square(10, 59)}]
    )
    assert Area.objects.filter(code="M1").count() == 2
    assert Area.objects.get(hub=grid["municipality"].hub, code="M1").name == "West"


def test_level_of_another_hub_is_refused(sodertorn, oslo, levels):
    with pytest.raises(ValueError, match="another hub"):
        services.areas_upsert(hub=oslo, level=levels["municipality"], rows=[{"code": "A"}])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"code": "A"}, {"name": "No code"}], "feature 1: has no code"),
        ([{"code": "A"}, {"code": "A"}], "feature 1, code 'A': the code is used twice .also by feature 0."),
        (
            [{"code": "A", "geometry": {"type": "Point", "coordinates": [17, 59]}}],
            "code 'A': a Point is not an area",
        ),
        ([{"code": "A", "parent_code": "A"}], "its own parent"),
        ([{"code": "A", "parent_code": "nowhere"}], "its parent 'nowhere' is not an area"),
        ([{"code": "A", "name": "x" * 201}], "name is longer than 200"),
        ([{"code": "A", "attributes": [1]}], "attributes must be a dict"),
    ],
)
def test_bad_rows_raise_naming_the_row_and_save_nothing(sodertorn, levels, rows, message):
    with pytest.raises(services.AreaImportError, match=message):
        services.areas_upsert(hub=sodertorn, level=levels["district"], rows=rows)
    assert not Area.objects.exists()


def test_bow_tie_is_repaired_and_reported(sodertorn, levels):
    result = services.areas_upsert(
        hub=sodertorn, level=levels["district"], rows=[{"code": "BT", "name": "Bow tie", "geometry": BOW_TIE}]
    )
    assert result.created == 1
    assert result.repaired and result.repaired[0].startswith("BT: Self-intersection")
    assert Area.objects.get(code="BT").geometry["type"] == "MultiPolygon"


def test_an_area_can_move_to_another_level(grid, sodertorn):
    services.areas_upsert(
        hub=sodertorn,
        level=grid["municipality"],
        rows=[{"code": "D1", "name": "Promoted", "geometry": square(17, 59)}],
    )
    assert Area.objects.get(hub=sodertorn, code="D1").level.slug == "municipality"


def test_neighbours_are_same_level_areas_that_touch(grid, sodertorn):
    def neighbours(code):
        return sorted(Area.objects.get(hub=sodertorn, code=code).neighbours.values_list("code", flat=True))

    assert neighbours("D1") == ["D2"]
    assert neighbours("D2") == ["D1", "D3"]
    assert neighbours("D4") == ["D3"]
    assert neighbours("M1") == ["M2"]
    # Recomputing replaces, never duplicates.
    assert services.neighbours_compute(hub=sodertorn, level=grid["district"]) == 3
    assert neighbours("D2") == ["D1", "D3"]
    assert Area.neighbours.through.objects.count() == 2 * (3 + 1)


@pytest.mark.slow
def test_real_small_areas_import_and_reimport_changes_nothing(sodertorn):
    """All 1,364 real small areas; how long it takes is measured by `make bench`."""
    levels = services.area_levels_ensure(
        hub=sodertorn, levels=[("municipality", "Municipality", ""), ("small-area", "Small area", "")]
    )
    kommun = decode(json.loads(KOMMUN.read_text(encoding="utf-8")))
    services.areas_upsert(
        hub=sodertorn,
        level=levels["municipality"],
        rows=[
            {"code": f["properties"]["ID_2"], "name": f["properties"]["NAME_2"], "geometry": f["geometry"]}
            for f in kommun
        ],
    )
    rows = [
        {
            "code": f["properties"]["BASKOD2010"],
            "name": f["properties"]["BASN2010"],
            "geometry": f["geometry"],
            "parent_code": f"i01{f['properties']['KOMKOD']:02d}",
            "attributes": f["properties"],
        }
        for f in decode(json.loads(BASOMR.read_text(encoding="utf-8")))
    ]
    result = services.areas_upsert(hub=sodertorn, level=levels["small-area"], rows=rows)
    assert result.created == 1364
    assert Area.objects.get(hub=sodertorn, code="5310810").parent.name == "Huddinge"
    again = services.areas_upsert(hub=sodertorn, level=levels["small-area"], rows=rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1364)
    assert services.neighbours_compute(hub=sodertorn, level=levels["small-area"]) > 1364


def test_keys_a_row_leaves_out_keep_their_stored_values(grid, sodertorn):
    d1 = Area.objects.get(hub=sodertorn, code="D1")
    result = services.areas_upsert(hub=sodertorn, level=grid["district"], rows=[{"code": "D1"}])
    assert (result.updated, result.unchanged) == (0, 1)
    services.areas_upsert(
        hub=sodertorn, level=grid["district"], rows=[{"code": "D1", "attributes": {"x": 1}}]
    )
    kept = Area.objects.select_related("parent").get(pk=d1.pk)
    assert (kept.name, kept.parent.code, kept.geometry, kept.min_lon) == ("District 1", "M1", d1.geometry, 17)
    assert kept.attributes == {"x": 1}
    services.areas_upsert(
        hub=sodertorn, level=grid["district"], rows=[{"code": "D1", "geometry": None, "parent_code": ""}]
    )
    cleared = Area.objects.get(pk=d1.pk)
    assert (cleared.geometry, cleared.min_lon, cleared.label_lat, cleared.parent_id) == (
        None,
        None,
        None,
        None,
    )
    assert cleared.name == "District 1"
