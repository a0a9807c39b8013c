from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _notice(*, hub: Any, user: Any = None, **kwargs: Any) -> dict[str, Any] | None:
    """A hub being established says so: its leads are led to the guided page, others to the
    process's public page."""
    if hub.stage != "establishing":
        return None
    return {"hub": hub, "can_lead": bool(user is not None and user.has_perm("establishment.lead", hub))}


class EstablishmentConfig(AppConfig):
    name = "apps.establishment"
    label = "establishment"
    verbose_name = _("Establishing a hub")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.establishment.fulfillers import FULFILLERS
        from apps.hubs.panels import HUB_NOTICES, HUB_STEWARD_LINKS
        from apps.processes import fulfilment

        # The deliverables of a hub's establishment are fulfilled by the real things (H2).
        for key, fulfiller in FULFILLERS.items():
            fulfilment.register(key, fulfiller)

        # The guided page replaces processes' plain run page as the way in (same keys).
        HUB_STEWARD_LINKS.register(
            Link(
                key="establishment",
                label=_("Establishing the hub"),
                url_name="hubs:establishment:index",
                order=40,
            )
        )
        HUB_NOTICES.register(
            Panel(
                key="establishing",
                template="establishment/panels/establishing_notice.html",
                context=_notice,
            )
        )
        register_actions(
            "establishment",
            _("Establishing the hub"),
            {
                "establishment.area_save": _("Saved the hub's area"),
                "establishment.text_edit": _("Edited the exploratory meeting's invitation or programme"),
                "establishment.invitations_send": _("Sent invitations to the exploratory meeting"),
            },
        )
