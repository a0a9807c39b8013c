"""The demo goals: Oslo's and Södertörn's, tagged indicators, idempotent."""

from io import StringIO

import pytest

from apps.goals import demo
from apps.goals.models import GoalTag, HubGoal, LocalTarget


@pytest.mark.django_db
def test_seed_is_idempotent_and_tags_sodertorn_indicators(oslo, sodertorn, employment_indicator):
    out = StringIO()
    demo.seed(stdout=out)
    counts = (HubGoal.objects.count(), LocalTarget.objects.count(), GoalTag.objects.count())
    demo.seed(stdout=out)
    assert (HubGoal.objects.count(), LocalTarget.objects.count(), GoalTag.objects.count()) == counts
    assert set(HubGoal.objects.filter(hub=oslo).values_list("code", flat=True)) == {
        "climate-2030",
        "green-biodiversity",
        "everyone-takes-part",
    }
    climate = HubGoal.objects.get(hub=oslo, code="climate-2030")
    assert climate.title == "95 % lavere klimagassutslipp innen 2030 (sammenlignet med 2009)"
    assert set(climate.sdg_goals.values_list("number", flat=True)) == {11, 13}
    green = HubGoal.objects.get(hub=sodertorn, code="green-300")
    assert list(green.local_targets.values_list("code", flat=True)) == ["11.7.L1"]
    tags = GoalTag.objects.filter(object_id=employment_indicator.pk, hub=sodertorn).exclude(
        content_type__model="hub"
    )
    assert {t.kind for t in tags} == {"local_target", "sdg_goal"}
    for target in LocalTarget.objects.select_related("sdg_target"):
        target.full_clean()  # codes follow the rule
    assert "Goals:" in out.getvalue()
