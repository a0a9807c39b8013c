from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _area_profile(*, hub: Any, area: Any, **_: Any) -> dict[str, Any]:
    """An area's page, "How it is doing": each indicator's series next to its parent and the hub."""
    from apps.knowledge.brief import area_profile

    profile = area_profile(area)
    return {
        "profile": profile,
        "charts": [item["chart"] for item in profile],
        "labels": {
            "own": area.name,
            "parent": area.parent.name if area.parent else "",
            "hub": gettext("Mean of all %(level)s in %(hub)s")
            % {"level": area.level.label_plural.lower(), "hub": hub.name},
        },
    }


class KnowledgeConfig(AppConfig):
    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from apps.core.panels import Panel
        from apps.places.panels import AREA_HEADER, AREA_MAIN, AREAS_HEADER

        AREAS_HEADER.register(Panel(key="explorer", template="knowledge/panels/explorer_link.html", order=10))
        AREA_HEADER.register(Panel(key="brief", template="knowledge/panels/area_brief_link.html", order=10))
        AREA_MAIN.register(
            Panel(
                key="profile",
                title=_("How it is doing"),
                template="knowledge/panels/area_profile.html",
                context=_area_profile,
                order=10,
            )
        )
