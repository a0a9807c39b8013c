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
        from apps.audit.models import ACTION_LABELS
        from apps.knowledge.brief import BriefSection, register_section

        ACTION_LABELS.update(
            {
                "participation.idea_hide": _("Hid an idea"),
                "participation.idea_unhide": _("Showed an idea again"),
                "participation.comment_hide": _("Hid a comment"),
                "participation.comment_unhide": _("Showed a comment again"),
                "participation.report_dismiss": _("Dismissed a report"),
            }
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
