from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "apps.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_STEWARD_LINKS
        from apps.initiatives.panels import INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(key="meetings", template="followup/includes/initiative_panel.html", order=70)
        )

        HUB_STEWARD_LINKS.register(
            Link(key="followup", label=_("Follow-up of new ideas"), url_name="hubs:followup:queue", order=10)
        )
