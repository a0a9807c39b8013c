from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "apps.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_TAKE_PART
        from apps.initiatives.panels import INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(key="results", template="results/includes/initiative_panel.html", order=45)
        )
        HUB_TAKE_PART.register(
            Link(key="results", label=_("Results"), url_name="hubs:results:overview", order=70)
        )
        register_actions(
            "results",
            _("Results"),
            {"results.final_report": _("Published a final report and told everyone who took part")},
        )
