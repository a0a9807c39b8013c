from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _brief_context(area: Any) -> dict[str, Any] | None:
    """The brief's "What residents said": the area's input summary, or nothing without ideas."""
    from apps.participation.spaces import Space
    from apps.participation.summary import summary

    ctx = summary(Space(hub=area.hub, area=area))
    return ctx if ctx["counts"]["ideas"] else None


def _area_ideas(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the ideas in it, the areas below it and its initiatives."""
    from apps.participation.selectors import ideas_in_area
    from apps.places.panels import items_context

    return items_context(
        [{"title": i.title, "url": i.get_absolute_url(), "meta": ""} for i in ideas_in_area(area=area)]
    )


def _initiative_brief_residents(*, initiative: Any, **_: Any) -> dict[str, Any] | None:
    """The initiative brief's "What residents said": the initiative's input summary."""
    from apps.participation.spaces import Space
    from apps.participation.summary import summary

    ctx = summary(Space(hub=initiative.hub, initiative=initiative))
    return ctx if ctx["counts"]["ideas"] else None


class ParticipationConfig(AppConfig):
    name = "apps.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from apps.core.panels import Panel as BriefPanel
        from apps.initiatives.panels import INITIATIVE_BRIEF

        INITIATIVE_BRIEF.register(
            BriefPanel(
                key="residents",
                title=_("What residents said"),
                template="participation/brief_section.html",
                context=_initiative_brief_residents,
                order=30,
            )
        )
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="ideas",
                title=_("Ideas here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_ideas,
                order=30,
            )
        )
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_FIRST_STEPS, HUB_STEWARD_LINKS, HUB_TAKE_PART
        from apps.participation import selectors as participation_selectors

        HUB_FIRST_STEPS.register(
            Link(
                key="idea",
                label=_("Share an idea"),
                url_name="hubs:participation:ideas",
                args=("hub",),
                order=10,
            )
        )
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.knowledge.brief import BriefSection, register_section

        INITIATIVE_MAIN.register(
            Panel(key="ideas", template="participation/includes/initiative_panel.html", order=20)
        )

        HUB_TAKE_PART.register(
            Link(
                key="ideas",
                label=_("Ideas and discussion for the whole hub"),
                url_name="hubs:participation:ideas",
                args=("hub",),
                order=30,
            )
        )
        HUB_STEWARD_LINKS.register(
            Link(
                key="moderation",
                label=_("Moderation of ideas and comments"),
                url_name="hubs:participation:moderation",
                order=20,
                count=lambda hub, **kwargs: participation_selectors.open_report_count(hub=hub),
            )
        )

        register_actions(
            "participation",
            _("Ideas and comments"),
            {
                "participation.idea_hide": _("Hid an idea"),
                "participation.idea_unhide": _("Showed an idea again"),
                "participation.comment_hide": _("Hid a comment"),
                "participation.comment_unhide": _("Showed a comment again"),
                "participation.report_dismiss": _("Dismissed a report"),
            },
        )

        register_section(
            BriefSection(
                key="residents",
                title=_("What residents said"),
                template="participation/brief_section.html",
                context=_brief_context,
                order=50,
            )
        )
