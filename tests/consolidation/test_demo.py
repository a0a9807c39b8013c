import io

import pytest
from django.core.management import call_command

from apps.consolidation.models import OverlapPair

pytestmark = pytest.mark.slow


def test_the_demo_puts_the_courtyard_pair_in_oslos_queue_and_is_idempotent(db):
    call_command("seed_demo", stdout=io.StringIO())
    from apps.consolidation import demo

    demo.seed(stdout=io.StringIO())
    pairs = OverlapPair.objects.filter(hub__slug="oslo", status="open")
    slugs = {frozenset((p.first.slug, p.second.slug)) for p in pairs}
    assert frozenset(("gront-gardsrom-i-hagegata", "gronn-gardsplass-pa-toyen")) in slugs
    count = OverlapPair.objects.count()
    demo.seed(stdout=io.StringIO())
    assert OverlapPair.objects.count() == count
