from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_surveys(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the surveys and votes of it, the areas below it and its initiatives."""
    from apps.places.panels import items_context
    from apps.surveys.selectors import surveys_in_area

    return items_context(
        [
            {"title": s.title, "url": s.get_absolute_url(), "meta": s.get_status_display()}
            for s in surveys_in_area(area=area)
        ]
    )


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"

    def ready(self) -> None:
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="surveys",
                title=_("Surveys and votes here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_surveys,
                order=40,
            )
        )
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
