from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "apps.residents"
    label = "residents"

    def ready(self) -> None:
        from apps.audit.models import register_actions

        register_actions(
            "residents",
            _("Resident groups"),
            {
                "residents.settings": _("Changed the resident group settings"),
                "residents.question_add": _("Added a resident group question"),
                "residents.question_retire": _("Stopped asking a resident group question"),
            },
        )
