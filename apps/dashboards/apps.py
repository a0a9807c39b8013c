from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "apps.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_TAKE_PART
        from apps.places.panels import AREA_HEADER

        # The hub's front page, "Take part": the goal dashboard (after results).
        HUB_TAKE_PART.register(
            Link(key="dashboards", label=_("Goal dashboard"), url_name="hubs:dashboards:hub", order=75)
        )
        # An area's page: a button to the area's dashboard (after the decision brief).
        AREA_HEADER.register(Panel(key="dashboard", template="dashboards/panels/area_link.html", order=20))
