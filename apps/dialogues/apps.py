from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_dialogues(*, hub: Any, area: Any = None, **kwargs: Any) -> dict[str, Any] | None:
    """The area page's panel: the area's published dialogues (none: no panel)."""
    from apps.dialogues.selectors import public_dialogues_of_area

    if area is None:
        return None
    dialogues = public_dialogues_of_area(hub=hub, area=area)
    return {"dialogues": dialogues} if dialogues else None


def _leads_only(*, hub: Any, user: Any = None, **kwargs: Any) -> bool:
    return bool(user is not None and user.has_perm("dialogues.view_all", hub))


class DialoguesConfig(AppConfig):
    name = "apps.dialogues"
    label = "dialogues"
    verbose_name = _("Value-creating dialogues")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_STEWARD_LINKS
        from apps.places.panels import AREA_MAIN

        HUB_STEWARD_LINKS.register(
            Link(
                key="dialogues",
                label=_("Value-creating dialogues"),
                url_name="hubs:dialogues:list",
                show=_leads_only,
                order=60,
            )
        )
        AREA_MAIN.register(
            Panel(
                key="dialogues",
                title=_("Value-creating dialogues"),
                template="dialogues/panels/area_dialogues.html",
                context=_area_dialogues,
                order=60,
            )
        )
        register_actions(
            "dialogues",
            _("Dialogues"),
            {
                "dialogues.publish": _("Published a dialogue"),
                "dialogues.unpublish": _("Made a dialogue confidential again"),
                "dialogues.publication_change": _("Changed what a dialogue publishes"),
                "dialogues.participant_add": _("Added a party to a dialogue"),
                "dialogues.participant_remove": _("Took a party off a dialogue"),
            },
        )
