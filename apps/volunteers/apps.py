from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _initiative_panel(*, initiative: Any, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.volunteers import selectors

    shifts = selectors.open_shifts(initiative=initiative)
    return {"shifts": shifts}


def _my_shifts(*, user: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.volunteers import selectors

    signups = selectors.my_signups(user=user, upcoming=True)
    return {"signups": signups} if signups else None


class VolunteersConfig(AppConfig):
    name = "apps.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from apps.accounts.panels import ME_PAGE
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.initiatives.panels import INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(
                key="volunteers",
                template="volunteers/panels/initiative.html",
                context=_initiative_panel,
                order=72,
            )
        )
        ME_PAGE.register(
            Panel(key="volunteers", template="volunteers/panels/me.html", context=_my_shifts, order=35)
        )
        register_actions(
            "volunteers",
            _("Volunteers"),
            {
                "volunteers.shift_cancel": _("Cancelled a volunteer shift"),
                "volunteers.hours_confirm": _("Confirmed volunteer hours"),
                "volunteers.message": _("Messaged a shift's volunteers"),
            },
        )
