"""import_ddf: counts equal the files' rows, re-import changes nothing, breakdowns, Swedish
names, geometry, categories, bad input (nothing half imported), hubs kept apart."""

import csv

import pytest
from django.core.management.base import CommandError

from apps.knowledge.models import ImportRun, Indicator, Observation
from apps.places.models import Area, AreaLevel
from tests.factories import HubFactory
from tests.knowledge.conftest import MINI, REAL, REAL_GEOMETRY, datapoint_rows, import_ddf

pytestmark = pytest.mark.django_db


def counts(hub):
    return (
        Indicator.objects.filter(hub=hub).count(),
        Observation.objects.filter(indicator__hub=hub).count(),
        Area.objects.filter(hub=hub).count(),
    )


def test_counts_equal_the_rows_in_the_files(sodertorn):
    output = import_ddf(MINI, sodertorn)
    expected = datapoint_rows(MINI)
    got = {
        code: Observation.objects.filter(indicator__hub=sodertorn, indicator__code=code).count()
        for code in expected
    }
    assert got == expected
    assert Observation.objects.count() == sum(expected.values()) == 29
    assert "Observations: 29 (29 created, 0 updated, 0 unchanged)" in output
    assert "Empty values skipped: 1" in output
    # Concepts without datapoints are accepted, not made indicators.
    assert set(Indicator.objects.values_list("code", flat=True)) == set(expected)
    assert not Indicator.objects.filter(code="unused_measure").exists()


def test_levels_parents_and_geometry(mini):
    levels = {lv.slug: lv.depth for lv in AreaLevel.objects.filter(hub=mini)}
    assert levels == {"municipality": 0, "district": 1}
    districts = {
        a.code: a for a in Area.objects.filter(hub=mini, level__slug="district").select_related("parent")
    }
    assert set(districts) == {"d1_north", "d2_south", "d3_east", "d4_west"}
    assert districts["d1_north"].parent.code == "m1_alfa"
    assert districts["d4_west"].parent.code == "m2_beta"
    # Joined on code2010 ↔ CODE (a number in the TopoJSON); d4 has no feature but is imported.
    assert districts["d1_north"].geometry["type"] in {"Polygon", "MultiPolygon"}
    assert districts["d1_north"].min_lon == pytest.approx(18.0)
    assert districts["d4_west"].geometry is None
    assert Area.objects.filter(hub=mini, level__slug="municipality", geometry__isnull=False).count() == 2
    assert districts["d1_north"].attributes["code2010"] == "101"


def test_reimport_changes_nothing(mini):
    before = counts(mini)
    values = sorted(Observation.objects.values_list("pk", "value"))
    output = import_ddf(MINI, mini)
    assert counts(mini) == before
    assert sorted(Observation.objects.values_list("pk", "value")) == values
    assert "Observations: 29 (0 created, 0 updated, 29 unchanged)" in output
    assert "Indicators: 4 (0 created, 0 updated, 4 unchanged)" in output
    assert "Areas (district): 4 (0 created, 0 updated, 4 unchanged)" in output
    assert ImportRun.objects.filter(hub=mini).count() == 2


def test_changed_value_is_updated_in_place(mini, mini_copy):
    path = mini_copy / "ddf--datapoints--population_total--by--district--year.csv"
    path.write_text(path.read_text().replace("d1_north,2019,1000", "d1_north,2019,1111"))
    output = import_ddf(mini_copy, mini)
    assert "Observations: 29 (0 created, 1 updated, 28 unchanged)" in output
    assert (
        Observation.objects.get(indicator__code="population_total", area__code="d1_north", year=2019).value
        == 1111
    )


def test_if_changed_skips_an_unchanged_package(mini):
    output = import_ddf(MINI, mini, "--if-changed")
    assert "unchanged since the last import" in output
    assert ImportRun.objects.filter(hub=mini).count() == 1


def test_breakdown_rows_have_gender(mini):
    rows = Observation.objects.filter(indicator__code="employment_rate_20_64", area__code="d2_south")
    assert sorted(rows.values_list("breakdown_key", "breakdown_value", "value")) == [
        ("", "", 0.73),
        ("gender", "female", 0.71),
        ("gender", "male", 0.76),
    ]
    assert not AreaLevel.objects.filter(slug="gender").exists()
    assert not Area.objects.filter(code="female").exists()


def test_explicit_breakdown_option(sodertorn):
    output = import_ddf(MINI, sodertorn, "--breakdown", "gender")
    assert "Breakdowns: gender" in output
    assert Observation.objects.filter(breakdown_key="gender").count() == 8


def test_names_descriptions_categories_source_licence(mini):
    population = Indicator.objects.get(hub=mini, code="population_total")
    assert population.name_en == "Population total"
    assert population.name_sv == "Befolkning totalt"
    assert population.description_sv == "Folkbokförda den 31 december"
    assert population.category == "social"
    assert population.unit == "people"
    assert population.source == "Mini test package"
    assert population.licence == "CC-BY-4.0"
    income = Indicator.objects.get(hub=mini, code="median_income_aged_gt_20")
    assert income.category == "economic"
    assert income.source == "Statistics Sweden"
    assert Indicator.objects.get(hub=mini, code="employment_rate_20_64").category == "economic"


def test_unknown_category_is_social_with_a_warning_and_can_be_overridden(sodertorn):
    output = import_ddf(MINI, sodertorn)
    assert Indicator.objects.get(code="mystery_measure").category == "social"
    assert "Warning: mystery_measure: no category known" in output
    output = import_ddf(MINI, sodertorn, "--category", "mystery_measure=ecological")
    assert Indicator.objects.get(code="mystery_measure").category == "ecological"
    assert "mystery_measure: no category" not in output
    with pytest.raises(CommandError, match="use one of"):
        import_ddf(MINI, sodertorn, "--category", "mystery_measure=nonsense")


def test_missing_licence_is_said(sodertorn, mini_copy):
    manifest = mini_copy / "datapackage.json"
    manifest.write_text(manifest.read_text().replace('"CC-BY-4.0"', '""'))
    import_ddf(mini_copy, sodertorn)
    assert set(Indicator.objects.values_list("licence", flat=True)) == {"Not stated by the source"}


def test_missing_resource_file_writes_nothing(sodertorn, mini_copy):
    (mini_copy / "ddf--datapoints--median_income_aged_gt_20--by--district--year.csv").unlink()
    with pytest.raises(
        CommandError, match=r"ddf--datapoints--median_income_aged_gt_20--by--district--year\.csv"
    ):
        import_ddf(mini_copy, sodertorn)
    assert counts(sodertorn) == (0, 0, 0)
    assert not AreaLevel.objects.exists()
    assert not ImportRun.objects.exists()


def test_non_numeric_value_names_file_and_row_and_writes_nothing(sodertorn, mini_copy):
    path = mini_copy / "ddf--datapoints--population_total--by--district--year.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",many"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError) as excinfo:
        import_ddf(mini_copy, sodertorn)
    message = str(excinfo.value)
    assert "ddf--datapoints--population_total--by--district--year.csv, row 4" in message
    assert "'many' is not a number" in message
    assert counts(sodertorn) == (0, 0, 0)


def test_failure_on_reimport_keeps_the_previous_data(mini, mini_copy):
    before = sorted(Observation.objects.values_list("pk", "value"))
    path = mini_copy / "ddf--datapoints--mystery_measure--by--municipality--year.csv"
    path.write_text(path.read_text().replace("m2_beta,2020,2.5", "m2_beta,2020,NaN"))
    (mini_copy / "ddf--datapoints--population_total--by--district--year.csv").write_text(
        (MINI / "ddf--datapoints--population_total--by--district--year.csv").read_text().replace("1000", "5")
    )
    with pytest.raises(CommandError, match="row 3"):
        import_ddf(mini_copy, mini)
    assert sorted(Observation.objects.values_list("pk", "value")) == before


def test_unknown_entity_in_datapoints(sodertorn, mini_copy):
    path = mini_copy / "ddf--datapoints--population_total--by--district--year.csv"
    path.write_text(path.read_text().replace("d4_west,2020", "d9_nowhere,2020"))
    with pytest.raises(CommandError, match=r"row 9: district 'd9_nowhere' is not in the district entities"):
        import_ddf(mini_copy, sodertorn)
    assert counts(sodertorn) == (0, 0, 0)


def test_missing_geometry_file_and_bad_spec(sodertorn):
    with pytest.raises(CommandError, match=r"assets/nothing\.json: geometry file not found"):
        import_ddf(MINI, sodertorn, geometry=["district=assets/nothing.json:CODE=code2010"])
    with pytest.raises(CommandError, match="LEVEL=FILE:PROPERTY=COLUMN"):
        import_ddf(MINI, sodertorn, geometry=["district"])
    assert counts(sodertorn) == (0, 0, 0)


def test_unknown_hub():
    with pytest.raises(CommandError, match="No hub"):
        import_ddf(MINI, HubFactory.build(slug="nowhere"))


def test_hubs_are_kept_apart(mini, oslo):
    before = counts(mini)
    import_ddf(MINI, oslo)
    assert counts(oslo) == before
    assert counts(mini) == before
    import_ddf(MINI, oslo)  # re-import into one hub leaves the other alone
    assert Observation.objects.filter(indicator__hub=mini).count() == before[1]


@pytest.mark.slow
def test_real_sodertorn_package(sodertorn):
    """The whole Södertörn package: every row, gender breakdown, geometry. How long it takes is
    measured by `make bench` (docs/performance.md), not asserted here."""
    output = import_ddf(REAL, sodertorn, geometry=REAL_GEOMETRY)
    expected = datapoint_rows(REAL)
    assert Observation.objects.filter(indicator__hub=sodertorn).count() == sum(expected.values())
    for code, n in expected.items():
        assert Observation.objects.filter(indicator__code=code).count() == n, code
    gender_file = next(REAL.rglob("ddf--datapoints--employment_rate_20_64--by--gender--basomrade--year.csv"))
    with gender_file.open(newline="", encoding="utf-8") as handle:
        gender_rows = sum(1 for row in csv.DictReader(handle) if row["employment_rate_20_64"].strip())
    assert Observation.objects.filter(breakdown_key="gender").count() == gender_rows
    assert set(
        Observation.objects.filter(breakdown_key="gender")
        .values_list("breakdown_value", flat=True)
        .distinct()
    ) == {
        "female",
        "male",
    }
    levels = dict(AreaLevel.objects.filter(hub=sodertorn).values_list("slug", "depth"))
    assert levels["municipality"] == 0 and levels["basomrade"] == 1
    assert {"county", "country"} <= set(levels)
    assert Area.objects.filter(level__slug="municipality", geometry__isnull=False).count() == 26
    basomrade = Area.objects.filter(hub=sodertorn, level__slug="basomrade")
    assert basomrade.count() == 1086
    assert basomrade.filter(geometry__isnull=False).count() == 1038
    assert basomrade.get(code="4111110_norra_runby").parent.code == "0114_upplands_vasby"
    names = dict(Indicator.objects.values_list("code", "name_sv"))
    assert names["employment_rate_20_64"] == "Sysselsättningsgrad, Totalt"
    categories = dict(Indicator.objects.values_list("code", "category"))
    assert categories["median_income_aged_gt_20"] == "economic"
    assert categories["access_green_c_lt_300"] == "ecological"
    assert categories["population_total"] == "social"
    assert "no category known" not in output

    output = import_ddf(REAL, sodertorn, geometry=REAL_GEOMETRY)
    n = sum(expected.values())
    assert f"Observations: {n:,} (0 created, 0 updated, {n:,} unchanged)" in output
    assert Observation.objects.filter(indicator__hub=sodertorn).count() == n
