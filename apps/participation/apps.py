from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _brief_context(area: Any) -> dict[str, Any] | None:
    """The brief's "What residents said": the area's input summary, or nothing without ideas."""
    from apps.participation.spaces import Space
    from apps.participation.summary import summary

    ctx = summary(Space(hub=area.hub, area=area))
    return ctx if ctx["counts"]["ideas"] else None


class ParticipationConfig(AppConfig):
    name = "apps.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from apps.knowledge.brief import BriefSection, register_section

        register_section(
            BriefSection(
                key="residents",
                title=_("What residents said"),
                template="participation/brief_section.html",
                context=_brief_context,
                order=50,
            )
        )
