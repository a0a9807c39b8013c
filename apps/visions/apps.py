from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionsConfig(AppConfig):
    name = "apps.visions"
    label = "visions"
    verbose_name = _("Visions")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_TAKE_PART
        from apps.initiatives.panels import INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(key="visions", template="visions/includes/initiative_panel.html", order=60)
        )

        HUB_TAKE_PART.register(
            Link(key="visions", label=_("Shared visions"), url_name="hubs:visions:list", order=50)
        )

        register_actions(
            "visions",
            _("Visions"),
            {
                "visions.adopt": _("Adopted a vision"),
                "visions.status_change": _("Changed a vision's status"),
                "visions.coauthor_add": _("Invited a co-author"),
                "visions.coauthor_remove": _("Took a co-author off a vision"),
            },
        )
