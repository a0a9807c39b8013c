from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_initiatives(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the initiatives in it and the areas below it (by geometry)."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.places.panels import items_context

    return items_context(
        [
            {"title": i.title, "url": i.get_absolute_url(), "meta": i.get_status_display()}
            for i in initiatives_in_area(area=area)
        ]
    )


def _brief_initiatives(area: Any, **_: Any) -> dict[str, Any] | None:
    """The decision brief: the initiatives in the area and the areas below it, with their state."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.knowledge.brief import items_section

    return items_section(
        [
            {"title": i.title, "meta": i.get_status_display(), "detail": i.summary}
            for i in initiatives_in_area(area=area)
        ]
    )


def _initiative_brief_process(*, initiative: Any, **_: Any) -> dict[str, Any]:
    """The initiative brief: where the initiative stands (status, current phase)."""
    from apps.initiatives.selectors import current_phases

    phase = current_phases([initiative]).get(initiative.pk)
    return {
        "status": initiative.get_status_display(),
        "phase": str(getattr(phase, "name", phase) or "") if phase else "",
        "updated": initiative.updated_at,
    }


def _initiative_brief_area(*, initiative: Any, **_: Any) -> dict[str, Any] | None:
    """The initiative brief: its area's key indicators (as in the area's own brief)."""
    from apps.knowledge.brief import area_key_figures

    if initiative.area is None:
        return None
    figures = area_key_figures(initiative.area)
    return {"figures": figures, "area": initiative.area} if figures else None


class InitiativesConfig(AppConfig):
    name = "apps.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from apps.core.panels import Panel as AreaPanel
        from apps.initiatives.panels import INITIATIVE_BRIEF

        INITIATIVE_BRIEF.register(
            AreaPanel(
                key="process",
                title=_("Where it stands"),
                template="initiatives/brief/process.html",
                context=_initiative_brief_process,
                order=10,
            )
        )
        INITIATIVE_BRIEF.register(
            AreaPanel(
                key="area-indicators",
                title=_("The area's key indicators"),
                template="knowledge/brief/key_indicators.html",
                context=_initiative_brief_area,
                order=20,
            )
        )
        from apps.knowledge.brief import ITEMS_TEMPLATE, BriefSection, register_section

        register_section(
            BriefSection(
                key="initiatives",
                title=_("Initiatives here"),
                template=ITEMS_TEMPLATE,
                context=_brief_initiatives,
                order=40,
            )
        )
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="initiatives",
                title=_("Initiatives here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_initiatives,
                order=20,
            )
        )
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.goals.models import register_taggable
        from apps.hubs.panels import HUB_FIRST_STEPS, HUB_NOW, HUB_TAKE_PART
        from apps.initiatives import hub_panels

        HUB_NOW.register(
            Panel(
                key="initiatives",
                template="initiatives/panels/hub_now.html",
                context=hub_panels.newest,
                order=30,
                extra={
                    "styles": ["vendor/leaflet/leaflet.css"],
                    "scripts": ["vendor/leaflet/leaflet.js", "js/maps.js", "js/initiatives-map.js"],
                },
            )
        )
        HUB_FIRST_STEPS.register(
            Link(
                key="initiative-create",
                label=_("Start an initiative"),
                url_name="hubs:initiatives:create",
                show=hub_panels.can_submit,
                order=20,
            )
        )

        HUB_TAKE_PART.register(
            Link(
                key="initiative-create",
                label=_("Submit an idea for an initiative"),
                url_name="hubs:initiatives:create",
                order=10,
            )
        )
        HUB_TAKE_PART.register(
            Link(
                key="initiative-map",
                label=_("Initiatives on the map"),
                url_name="hubs:initiatives:map",
                order=20,
            )
        )
        register_actions(
            "initiatives",
            _("Initiative teams"),
            {
                "initiatives.team_added": _("Added a person to a team"),
                "initiatives.team_invite": _("Invited someone to a team by e-mail"),
                "initiatives.team_joined": _("Joined a team"),
                "initiatives.team_role": _("Changed a team role"),
                "initiatives.team_removed": _("Took a person out of a team"),
            },
        )

        # rules.py is found by rules' autodiscovery; initiatives can carry goal tags.
        register_taggable("initiatives.initiative")
