from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapinputConfig(AppConfig):
    name = "apps.mapinput"
    label = "mapinput"

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.mapinput.selectors import place_counts
        from apps.participation.summary import register_place_counts

        INITIATIVE_MAIN.register(
            Panel(key="marks", template="mapinput/includes/initiative_panel.html", order=30)
        )

        register_actions(
            "mapinput",
            _("Map input"),
            {"mapinput.mark_hide": _("Hid a map mark"), "mapinput.mark_show": _("Showed a map mark again")},
        )

        # The input summary's "By place" (participation sits below map input and never imports it).
        register_place_counts("mapinput", place_counts)
