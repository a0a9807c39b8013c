"""Demo data for privacy: each demo hub's retention of anonymous input metadata (Oslo keeps it
30 days, Södertörn 60). Idempotent."""

from typing import Any

from apps.hubs.models import Hub
from apps.privacy.models import RetentionSetting

DAYS = {"oslo": 30, "sodertorn": 60}


def seed(*, stdout: Any) -> None:
    made = 0
    for hub in Hub.objects.filter(slug__in=DAYS):
        _setting, created = RetentionSetting.objects.get_or_create(
            hub=hub, defaults={"anonymous_metadata_days": DAYS[hub.slug]}
        )
        made += created
    if stdout is not None:
        stdout.write(f"Privacy: {made} retention settings.")
