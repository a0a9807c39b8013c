"""Constant query counts: the lists and value maps cost the same however many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.knowledge import selectors
from apps.knowledge.models import Indicator, Observation
from apps.places.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def grow(hub, n=40):
    """Add n districts with values for every indicator, and one more indicator."""
    level = AreaLevel.objects.get(hub=hub, slug="district")
    parent = Area.objects.get(hub=hub, code="m1_alfa")
    areas = Area.objects.bulk_create(
        [Area(hub=hub, level=level, parent=parent, code=f"extra_{i}", name=f"Extra {i}") for i in range(n)]
    )
    extra = Indicator.objects.create(hub=hub, code="extra", name_en="Extra", category="social")
    for indicator in Indicator.objects.filter(hub=hub):
        Observation.objects.bulk_create(
            [Observation(indicator=indicator, area=a, year=2020, value=i) for i, a in enumerate(areas)]
        )
    return extra


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


URLS = [
    "/api/v1/hubs/sodertorn/indicators",
    "/api/v1/hubs/sodertorn/indicators/population_total",
    "/api/v1/hubs/sodertorn/indicators/population_total/values?year=2020",
    "/api/v1/hubs/sodertorn/indicators/population_total/values?year=2020&level=district&format=csv",
    "/api/v1/hubs/sodertorn/indicators/employment_rate_20_64/values?breakdown=gender:female",
]


@pytest.mark.parametrize("url", URLS)
def test_api_query_counts_are_constant(client, mini, url):
    before = queries(client, url)
    grow(mini)
    assert queries(client, url) == before
    assert before <= 6  # values: hub, indicator, latest year, two for the cache key, the values


def test_selector_query_counts(mini, django_assert_num_queries):
    population = Indicator.objects.get(hub=mini, code="population_total")
    area = Area.objects.get(hub=mini, code="d1_north")
    indicators = list(Indicator.objects.filter(hub=mini))
    grow(mini)
    with django_assert_num_queries(2):
        selectors.indicators_for_hub(hub=mini)
    with django_assert_num_queries(1):
        assert len(selectors.values_for(indicator=population, year=2020, level="district")) == 44
    with django_assert_num_queries(1):
        selectors.series_for_area(area=area, indicators=indicators)
    with django_assert_num_queries(2):
        selectors.parent_aggregates(indicator=population, year=2020, level="district")
    with django_assert_num_queries(4):
        selectors.area_comparison(indicator=population, area=area, year=2020)
