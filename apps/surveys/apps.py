from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.initiatives.panels import INITIATIVE_MAIN

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
