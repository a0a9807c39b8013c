from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.hubs.panels import HUB_NOW
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.surveys import hub_panels

        HUB_NOW.register(
            Panel(
                key="surveys", template="surveys/panels/hub_now.html", context=hub_panels.open_now, order=10
            )
        )

        INITIATIVE_MAIN.register(
            Panel(key="surveys", template="surveys/includes/initiative_panel.html", order=40)
        )

        register_actions(
            "surveys",
            _("Surveys and votes"),
            {
                "surveys.survey_close": _("Closed a survey"),
                "surveys.vote_close": _("Closed a concept vote"),
            },
        )
