"""Demo for `manage.py seed_demo` (run last): dashboards create nothing, they add up what the
other apps' demos made. This prints each hub's headline figures so the seed's log shows that
the dashboards have real numbers. Read-only, so idempotent."""

from typing import Any

from apps.core.money import format_money
from apps.dashboards.selectors import hub_dashboard
from apps.hubs.models import Hub


def seed(*, stdout: Any) -> None:
    for hub in Hub.objects.order_by("slug"):
        figures = hub_dashboard(hub=hub).figures
        if not figures.initiatives:
            continue
        money = format_money(figures.money_committed, hub.currency, whole=True)
        hours = format(figures.hours_committed.normalize(), "f")
        stdout.write(
            f"Dashboards: {hub.name}: {figures.initiatives} initiatives, "
            f"{figures.people} people taking part, {figures.partners} partners, {money} and {hours} hours "
            f"committed, {len(figures.results)} published results."
        )
