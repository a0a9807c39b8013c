"""Pages and selectors of results use a constant number of queries however many there are."""

from datetime import date

import pytest

from apps.results import selectors, services
from tests.results.conftest import image_file

pytestmark = pytest.mark.django_db


def _grow(oslo, benches, olga, green, n):
    for i in range(n):
        result = services.result_create(
            hub=oslo,
            initiative=benches,
            actor=olga,
            title=f"R{i}",
            indicator=green,
            baseline="20",
            target="30",
            target_date=date(2030, 1, 1),
            publish=True,
        )
        report = services.report_create(
            hub=oslo, initiative=benches, actor=olga, title=f"P{i}", text="x", result=result, value="25"
        )
        services.photo_add(report=report, actor=olga, image=image_file(), alt_text="x")
        services.report_publish(report=report, actor=olga)


def _count(client, url, django_assert_max_num_queries, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: the session, caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/oslo/results/", "/oslo/results/i-benker/", "/oslo/initiatives/benker/"])
def test_pages_constant(client, oslo, benches, olga, green, url, django_assert_max_num_queries):
    client.force_login(olga)
    _grow(oslo, benches, olga, green, 1)
    few = _count(client, url, django_assert_max_num_queries, 1)
    _grow(oslo, benches, olga, green, 6)
    many = _count(client, url, django_assert_max_num_queries, 7)
    assert many == few, url


def test_results_for_is_three_queries(oslo, benches, olga, green, django_assert_num_queries):
    _grow(oslo, benches, olga, green, 4)
    with django_assert_num_queries(3):
        results = selectors.results_for(hub=oslo, initiative=benches, user=None)
    assert len(results) == 4 and all(r.series and r.latest for r in results)
