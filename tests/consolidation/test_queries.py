"""The queue reads in a constant number of queries however many pairs it holds."""

from django.test import Client

from apps.consolidation import selectors
from apps.consolidation.models import OverlapPair

from .conftest import make_initiative


def _pairs(hub, owner, n, start=0):
    for i in range(start, start + n):
        a = make_initiative(hub, owner, f"a{i}", f"A {i}", "tekst", 10.7, 59.9)
        b = make_initiative(hub, owner, f"b{i}", f"B {i}", "tekst", 10.7, 59.9)
        OverlapPair.objects.create(hub=hub, first=a, second=b, score=0.5, reasons={"distance_m": 3})


def _count(django_assert_max_num_queries, client, hub):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/oslo/consolidation/").status_code == 200
        list(selectors.overlap_queue(hub=hub))
    return len(ctx.captured_queries)


def test_the_queue_page_is_constant(oslo, stella, olga, django_assert_max_num_queries):
    client = Client()
    client.force_login(stella)
    _pairs(oslo, olga, 2)
    few = _count(django_assert_max_num_queries, client, oslo)
    _pairs(oslo, olga, 10, start=2)
    assert _count(django_assert_max_num_queries, client, oslo) == few
