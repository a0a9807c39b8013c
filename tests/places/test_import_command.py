"""`manage.py import_areas`: GeoJSON and TopoJSON in, one transaction, clear errors naming the
file and feature, and a re-import that changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.places import selectors
from apps.places.models import Area, AreaLevel
from tests.places.conftest import BASOMR, KOMMUN, feature, square
from tests.places.test_geometry import BOW_TIE


def run(path, *args, hub="sodertorn", level="district"):
    out = StringIO()
    call_command("import_areas", str(path), "--hub", hub, "--level", level, *args, stdout=out)
    return out.getvalue()


def geojson(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def test_imports_a_geojson_feature_collection(sodertorn, write_json):
    path = write_json(geojson(feature("A", "Alpha", square(17, 59)), feature("B", "Beta", square(18, 59))))
    out = run(path, "--level-name", "District", "--level-name-plural", "Districts")
    assert "areas.geojson: 2 features" in out
    assert "Imported areas.geojson into sodertorn as district: 2 created, 0 updated, 0 unchanged." in out
    assert "Neighbours: 1 pairs" in out
    level = AreaLevel.objects.get(hub=sodertorn, slug="district")
    assert (level.name, level.name_plural, level.depth) == ("District", "Districts", 0)
    a = Area.objects.get(hub=sodertorn, code="A")
    assert (a.name, a.level, a.attributes) == ("Alpha", level, {"code": "A", "name": "Alpha"})
    assert [n.code for n in a.neighbours.all()] == ["B"]


def test_imports_topojson_with_quantised_and_reversed_arcs(sodertorn, write_json, two_squares):
    out = run(write_json(two_squares, "squares.topojson"))
    assert "2 created" in out
    assert selectors.area_at_point(hub=sodertorn, lon=10.5, lat=60.5).code == "A"
    assert selectors.area_at_point(hub=sodertorn, lon=11.5, lat=60.5).name == "Beta"
    b = Area.objects.get(hub=sodertorn, code="B")
    assert (b.min_lon, b.min_lat, b.max_lon, b.max_lat) == (11, 60, 12, 61)


def test_reimport_changes_nothing(sodertorn, write_json, two_squares):
    path = write_json(two_squares, "squares.json")
    run(path)
    before = list(Area.objects.order_by("code").values())
    out = run(path)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert list(Area.objects.order_by("code").values()) == before


def test_codes_names_and_parents_from_properties_and_templates(sodertorn, write_json):
    run(
        write_json(geojson(feature("x", "ignored", square(17, 59), KOD=1, NAMN="Ett"))),
        "--level",
        "municipality",
        "--code-template",
        "m{KOD:02d}",
        "--name-property",
        "NAMN",
    )
    path = write_json(
        geojson(feature("x", "y", square(17, 59, 0.5), BAS=101, KOM=1, NAMN="Del")), "small.json"
    )
    run(path, "--code-property", "BAS", "--name-property", "NAMN", "--parent-template", "m{KOM:02d}")
    child = Area.objects.select_related("parent", "level").get(hub=sodertorn, code="101")
    assert (child.name, child.parent.code, child.parent.name, child.level.depth) == ("Del", "m01", "Ett", 1)


def test_feature_ids_are_codes_by_default(sodertorn, write_json):
    run(
        write_json(
            geojson({"type": "Feature", "id": 42, "properties": {"name": "N"}, "geometry": square(0, 0)})
        )
    )
    assert Area.objects.get(hub=sodertorn).code == "42"


def test_dry_run_saves_nothing(sodertorn, write_json):
    out = run(write_json(geojson(feature("A", "Alpha", square(17, 59)))), "--dry-run")
    assert "Would import" in out
    assert not Area.objects.exists()
    assert not AreaLevel.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "FeatureCollection", "features": [', r"areas.geojson: not valid JSON \(line 1, column"),
        ("[1, 2]", "neither a GeoJSON FeatureCollection nor a TopoJSON Topology"),
        ({"type": "FeatureCollection"}, 'has no "features" list'),
        (
            {"type": "Topology", "objects": {"a": {"type": "Polygon", "arcs": [[0]]}}},
            'bad TopoJSON: the topology has no "arcs"',
        ),
        (
            {"type": "Topology", "arcs": [], "objects": {"a": {"type": "Polygon", "arcs": [[0]]}}},
            "bad TopoJSON: geometry 0 of object 'a': arc 0 does not exist",
        ),
        (geojson(feature("A", "a", square(17, 59)), "nonsense"), "feature 1 is not a GeoJSON Feature"),
        (
            geojson(
                feature("A", "a", square(17, 59)),
                feature("P", "Point", {"type": "Point", "coordinates": [17, 59]}),
            ),
            "feature 1, code 'P': a Point is not an area",
        ),
        (
            geojson(feature("A", "a", square(17, 59)), feature("N", "none", None)),
            "feature 1, code 'N' has no geometry",
        ),
        (
            geojson(
                feature("A", "a", square(17, 59)),
                {"type": "Feature", "properties": {}, "geometry": square(0, 0)},
            ),
            "feature 1 has no code",
        ),
        (
            geojson(feature("A", "a", square(17, 59)), feature("A", "again", square(18, 59))),
            "the code is used twice",
        ),
        (
            geojson(
                feature("A", "a", square(17, 59)),
                feature("B", "b", {"type": "Polygon", "coordinates": [[[0, 0]]]}),
            ),
            "feature 1, code 'B': the Polygon cannot be read",
        ),
        (geojson(feature("A", "a", square(650000, 6570000, 100))), "not WGS84 longitude/latitude"),
    ],
)
def test_bad_input_names_the_file_and_feature_and_imports_nothing(sodertorn, write_json, content, message):
    path = write_json(content)
    with pytest.raises(CommandError, match=message) as caught:
        run(path)
    assert str(path.name) in str(caught.value)
    assert not Area.objects.exists()
    assert not AreaLevel.objects.exists()


def test_a_bad_feature_after_good_ones_leaves_earlier_imports_untouched(sodertorn, write_json):
    run(write_json(geojson(feature("A", "Alpha", square(17, 59)))))
    bad = geojson(
        feature("A", "Renamed", square(17, 59)),
        feature("B", "b", {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}),
    )
    with pytest.raises(CommandError, match=r"code 'B': a LineString is not an area.*Nothing was imported"):
        run(write_json(bad, "bad.json"), "--level", "other")
    assert list(Area.objects.values_list("code", "name")) == [("A", "Alpha")]
    assert list(AreaLevel.objects.values_list("slug", flat=True)) == ["district"]


def test_self_intersecting_polygon_is_repaired_with_a_warning(sodertorn, write_json):
    out = run(write_json(geojson(feature("BT", "Bow tie", BOW_TIE))))
    assert "repaired BT: Self-intersection" in out
    assert Area.objects.get(code="BT").geometry["type"] == "MultiPolygon"


def test_missing_file_and_unknown_hub(sodertorn, tmp_path, write_json):
    with pytest.raises(CommandError, match=r"nothing\.json: cannot read the file"):
        run(tmp_path / "nothing.json")
    with pytest.raises(CommandError, match="No hub with the address 'atlantis'"):
        run(write_json(geojson()), hub="atlantis")


def test_topology_with_several_objects_needs_object(sodertorn, write_json, two_squares):
    two_squares["objects"]["other"] = {"type": "GeometryCollection", "geometries": []}
    path = write_json(two_squares, "multi.json")
    with pytest.raises(CommandError, match=r"multi\.json: bad TopoJSON: the topology has several objects"):
        run(path)
    assert "2 created" in run(path, "--object", "squares")


@pytest.mark.slow
def test_real_sodertorn_files(sodertorn):
    out = run(
        KOMMUN,
        "--level",
        "municipality",
        "--level-name",
        "Municipality",
        "--code-property",
        "ID_2",
        "--name-property",
        "NAME_2",
    )
    assert "26 created" in out
    out = run(
        BASOMR,
        "--level",
        "small-area",
        "--code-property",
        "BASKOD2010",
        "--name-property",
        "BASN2010",
        "--parent-template",
        "i01{KOMKOD:02d}",
    )
    assert "1364 created" in out
    for lon, lat, municipality in [
        (17.98, 59.236, "Huddinge"),
        (17.627, 59.196, "Södertälje"),
        (17.947, 58.903, "Nynäshamn"),
    ]:
        small = selectors.area_at_point(hub=sodertorn, lon=lon, lat=lat)
        assert small.level.slug == "small-area"
        assert small.parent.name == municipality
        assert (
            selectors.area_at_point(hub=sodertorn, lon=lon, lat=lat, level="municipality").name
            == municipality
        )
    again = run(
        BASOMR,
        "--level",
        "small-area",
        "--code-property",
        "BASKOD2010",
        "--name-property",
        "BASN2010",
        "--parent-template",
        "i01{KOMKOD:02d}",
    )
    assert "0 created, 0 updated, 1364 unchanged" in again
    assert json.loads(json.dumps(Area.objects.get(code="5310810").attributes))["BASN2010"] == "Fullersta Gård"
