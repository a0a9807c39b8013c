"""import_indicator_csv: one indicator's values for existing areas."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.knowledge.models import Indicator, Observation

pytestmark = pytest.mark.django_db


def run(path, hub, code="green_roofs", *extra) -> str:
    out = StringIO()
    call_command(
        "import_indicator_csv", str(path), "--hub", hub.slug, "--indicator", code, *extra, stdout=out
    )
    return out.getvalue()


def write(tmp_path, text, name="values.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_counts_and_reimport(mini, tmp_path):
    path = write(
        tmp_path, "area,year,value\nd1_north,2020,1.5\nd2_south,2020,2\nm1_alfa,2020,3.25\nd3_east,2021,\n"
    )
    output = run(
        path, mini, "green_roofs", "--name", "Green roofs", "--unit", "m²", "--category", "ecological"
    )
    assert "Observations: 3 (3 created, 0 updated, 0 unchanged)" in output
    indicator = Indicator.objects.get(hub=mini, code="green_roofs")
    assert (indicator.name_en, indicator.unit, indicator.category) == ("Green roofs", "m²", "ecological")
    assert indicator.licence == "Not stated by the source"
    assert dict(Observation.objects.filter(indicator=indicator).values_list("area__code", "value")) == {
        "d1_north": 1.5,
        "d2_south": 2.0,
        "m1_alfa": 3.25,
    }
    output = run(path, mini)
    assert "Observations: 3 (0 created, 0 updated, 3 unchanged)" in output
    assert Indicator.objects.get(pk=indicator.pk).name_en == "Green roofs"  # not given: kept


def test_breakdown_column(mini, tmp_path):
    path = write(tmp_path, "area_code,year,gender,value\nd1_north,2020,female,1\nd1_north,2020,male,2\n")
    run(path, mini, "x", "--category", "social")
    assert sorted(
        Observation.objects.filter(indicator__code="x").values_list("breakdown_key", "breakdown_value")
    ) == [
        ("gender", "female"),
        ("gender", "male"),
    ]


def test_updates_an_existing_ddf_indicator(mini, tmp_path):
    path = write(tmp_path, "area,year,value\nd1_north,2019,999\n")
    output = run(path, mini, "population_total")
    assert "Observations: 1 (0 created, 1 updated, 0 unchanged)" in output
    assert (
        Observation.objects.get(indicator__code="population_total", area__code="d1_north", year=2019).value
        == 999
    )


def test_unknown_area_code_names_file_and_row_and_writes_nothing(mini, tmp_path):
    path = write(tmp_path, "area,year,value\nd1_north,2020,1\nnowhere,2020,2\n", name="bad.csv")
    with pytest.raises(CommandError, match=r"bad\.csv, row 3: no area with code 'nowhere'"):
        run(path, mini, "green_roofs", "--category", "ecological")
    assert not Indicator.objects.filter(code="green_roofs").exists()
    assert not Observation.objects.filter(indicator__code="green_roofs").exists()


def test_non_numeric_value(mini, tmp_path):
    path = write(tmp_path, "area,year,value\nd1_north,2020,lots\n", name="bad.csv")
    with pytest.raises(CommandError, match=r"bad\.csv, row 2: value 'lots' is not a number"):
        run(path, mini)
    assert not Indicator.objects.filter(code="green_roofs").exists()


def test_bad_header_year_and_missing_file(mini, tmp_path):
    with pytest.raises(CommandError, match="row 1: the columns must include"):
        run(write(tmp_path, "place,when,value\nd1_north,2020,1\n"), mini)
    with pytest.raises(CommandError, match="row 2: year 'soon'"):
        run(write(tmp_path, "area,year,value\nd1_north,soon,1\n"), mini)
    with pytest.raises(CommandError, match="file not found"):
        run(tmp_path / "missing.csv", mini)
    assert not Indicator.objects.filter(code="green_roofs").exists()


def test_other_hubs_areas_are_unknown(mini, oslo, tmp_path):
    path = write(tmp_path, "area,year,value\nd1_north,2020,1\n")
    with pytest.raises(CommandError, match="no area with code 'd1_north' in oslo"):
        run(path, oslo)
