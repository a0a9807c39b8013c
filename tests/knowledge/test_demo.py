"""The demo seed imports the Södertörn package once; the second run sees it unchanged and skips
it (how long that takes is measured by `make bench`)."""

from io import StringIO

import pytest

from apps.knowledge import demo
from apps.knowledge.models import ImportRun, Observation

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_seed_is_idempotent_and_skips_an_unchanged_package(sodertorn):
    demo.seed(stdout=StringIO())
    count = Observation.objects.filter(indicator__hub=sodertorn).count()
    assert count > 100_000
    out = StringIO()
    demo.seed(stdout=out)
    assert "unchanged since the last import" in out.getvalue()
    assert Observation.objects.filter(indicator__hub=sodertorn).count() == count
    assert ImportRun.objects.filter(hub=sodertorn).count() == 1


def test_seed_without_the_hub_does_nothing(oslo):
    demo.seed(stdout=StringIO())
    assert not Observation.objects.exists()
