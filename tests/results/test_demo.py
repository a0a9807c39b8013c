"""The results demo: idempotent, and the bench initiative's final report is published once."""

import io
from decimal import Decimal

import pytest

from apps.results import demo
from apps.results.models import ProgressReport, Result

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(oslo, olga, gamle, green):
    from apps.initiatives.models import Initiative

    Initiative.objects.create(hub=oslo, slug=demo.BENCHES, title="Benker", owner=olga, status="completed")
    out = io.StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert Result.objects.count() == 2
    assert ProgressReport.objects.filter(status="published").count() == 4
    assert (
        ProgressReport.objects.get(is_final=True).published_at
        < ProgressReport.objects.latest("created_at").created_at
    )


def test_sodertorn_result_reads_a_knowledge_indicator(sodertorn):
    from apps.initiatives.models import Initiative
    from apps.knowledge.models import Indicator, Observation
    from apps.places.models import Area, AreaLevel
    from tests.factories import UserFactory

    level = AreaLevel.objects.create(hub=sodertorn, slug="kommun", name="Kommun")
    area = Area.objects.create(hub=sodertorn, level=level, code="0127", name="Botkyrka")
    indicator = Indicator.objects.create(
        hub=sodertorn, code="green", name_en="Green", name_sv="Grönyta", category="ecological"
    )
    Observation.objects.create(indicator=indicator, area=area, year=2022, value=31.4)
    Initiative.objects.create(hub=sodertorn, slug="odling", title="Odling", owner=UserFactory(), area=area)
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    result = Result.objects.get()
    assert result.indicator == indicator and result.area == area and result.baseline == Decimal("31.4")
    assert result.title == "Bättre grönyta i Botkyrka" and result.target == Decimal("34.54")
