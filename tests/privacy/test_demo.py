"""The privacy demo gives each demo hub its retention, once."""

from io import StringIO

from apps.privacy import demo
from apps.privacy.models import RetentionSetting


def test_the_demo_sets_each_hubs_retention_and_is_idempotent(oslo, sodertorn):
    out = StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert dict(RetentionSetting.objects.values_list("hub__slug", "anonymous_metadata_days")) == {
        "oslo": 30,
        "sodertorn": 60,
    }
    assert "Privacy: 2 retention settings." in out.getvalue()
