from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_manage(*, hub: Any, user: Any, **kwargs: Any) -> bool:
    return bool(user.has_perm("residents.manage_groups", hub))


def _asks_groups(*, hub: Any, user: Any, **kwargs: Any) -> bool:
    """Signed-in people see "About you" where the hub asks about resident groups."""
    from apps.residents.selectors import groups_enabled

    return bool(user.is_authenticated and groups_enabled(hub=hub))


class ResidentsConfig(AppConfig):
    name = "apps.residents"
    label = "residents"
    verbose_name = _("Resident groups")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS, HUB_TAKE_PART

        HUB_STEWARD_LINKS.register(
            Link(
                key="residents",
                label=_("Resident groups"),
                url_name="hubs:residents:settings",
                show=_can_manage,
                order=90,
            )
        )
        HUB_TAKE_PART.register(
            Link(
                key="residents",
                label=_("About you (resident groups)"),
                url_name="hubs:residents:me",
                show=_asks_groups,
                order=95,
            )
        )

        register_actions(
            "residents",
            _("Resident groups"),
            {
                "residents.settings": _("Changed the resident group settings"),
                "residents.question_add": _("Added a resident group question"),
                "residents.question_retire": _("Stopped asking a resident group question"),
            },
        )
