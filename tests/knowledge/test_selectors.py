"""Selectors: values, series, parent and hub comparisons (and which method each used)."""

import pytest

from apps.knowledge import selectors
from apps.knowledge.models import Indicator
from apps.places.models import Area

pytestmark = pytest.mark.django_db


def indicator(hub, code):
    return Indicator.objects.get(hub=hub, code=code)


def test_indicators_for_hub_with_years(mini):
    items = {i.code: i.years for i in selectors.indicators_for_hub(hub=mini)}
    assert items["population_total"] == [2019, 2020]
    assert [i.code for i in selectors.indicators_for_hub(hub=mini, category="economic")] == [
        "employment_rate_20_64",
        "median_income_aged_gt_20",
    ]


def test_values_for(mini):
    population = indicator(mini, "population_total")
    rows = selectors.values_for(indicator=population, year=2020, level="district")
    assert rows[0] == ("d1_north", 1010.0, "district", "", "")
    assert rows[0].area == "d1_north" and rows[0].value == 1010.0
    female = selectors.values_for(
        indicator=indicator(mini, "employment_rate_20_64"), year=2020, breakdown=("gender", "female")
    )
    assert [(r.area, r.value, r.breakdown_value) for r in female][:2] == [
        ("d1_north", 0.7, "female"),
        ("d2_south", 0.71, "female"),
    ]


def test_series_for_area(mini):
    area = Area.objects.get(hub=mini, code="d2_south")
    series = selectors.series_for_area(
        area=area,
        indicators=Indicator.objects.filter(
            hub=mini, code__in=["population_total", "median_income_aged_gt_20"]
        ),
    )
    assert series == {"population_total": [(2019, 2000.0), (2020, 2010.0)], "median_income_aged_gt_20": []}


def test_parent_aggregates_use_the_source_when_it_has_parent_rows(mini):
    population = selectors.parent_aggregates(
        indicator=indicator(mini, "population_total"), year=2020, level="district"
    )
    assert population["m1_alfa"] == ("m1_alfa", 3020.0, "source", 1)
    income = selectors.parent_aggregates(
        indicator=indicator(mini, "median_income_aged_gt_20"), year=2020, level="district"
    )
    assert income["m1_alfa"] == ("m1_alfa", 250000.0, "mean_of_children", 1)  # d2 has no value
    assert income["m2_beta"] == ("m2_beta", 300000.0, "mean_of_children", 2)


def test_hub_aggregate_and_area_comparison(mini):
    income = indicator(mini, "median_income_aged_gt_20")
    hub = selectors.hub_aggregate(indicator=income, year=2020, level="district")
    assert hub.method == "mean_of_level" and hub.size == 3
    assert hub.value == pytest.approx((250000 + 310000 + 290000) / 3)
    comparison = selectors.area_comparison(indicator=income, area=Area.objects.get(code="d3_east"), year=2020)
    assert comparison["area"] == ("d3_east", 310000.0, "source", 1)
    assert comparison["parent"] == ("m2_beta", 300000.0, "mean_of_children", 2)
    assert comparison["hub"] == hub
    population = selectors.area_comparison(
        indicator=indicator(mini, "population_total"), area=Area.objects.get(code="d3_east"), year=2019
    )
    assert population["parent"] == ("m2_beta", 7000.0, "source", 1)
