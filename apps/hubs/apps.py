from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _my_hubs(*, user: Any, **_: Any) -> dict[str, Any]:
    from apps.hubs.selectors import memberships_of

    return {"memberships": memberships_of(user=user)}


def _partner_in(*, organisation: Any, **_: Any) -> dict[str, Any]:
    from apps.hubs.selectors import partnerships_of

    return {"partnerships": partnerships_of(organisation=organisation)}


class HubsConfig(AppConfig):
    name = "apps.hubs"
    label = "hubs"

    def ready(self) -> None:
        from apps.accounts.panels import ME_PAGE
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.organisations.panels import ORGANISATION_PAGE

        register_actions(
            "hubs",
            _("Members and roles"),
            {
                "hubs.membership_approve": _("Approved a member"),
                "hubs.membership_reject": _("Rejected a member"),
                "hubs.partnership_approve": _("Approved a partner"),
                "hubs.partnership_reject": _("Rejected a partner"),
                "hubs.offices_change": _("Changed a member's roles"),
                "hubs.group_lead": _("Changed who leads a working group"),
                "hubs.member_leave": _("Left the hub, giving up roles"),
            },
        )
        ME_PAGE.register(
            Panel(key="hubs", title=_("My hubs"), template="hubs/panels/me.html", context=_my_hubs, order=10)
        )
        ORGANISATION_PAGE.register(
            Panel(
                key="hubs",
                title=_("Partner in"),
                template="hubs/panels/organisation.html",
                context=_partner_in,
                order=10,
            )
        )
