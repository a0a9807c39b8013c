from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _record_representatives(*, organisation: Any, actor: Any, user: Any, change: str, **_: Any) -> None:
    """An organisation's representatives changed: each hub it partners with records who now
    acts for its partner (organisations sits below hubs and tells it by a signal)."""
    from apps.audit.services import audit_record
    from apps.hubs.selectors import partnerships_of

    for partnership in partnerships_of(organisation=organisation):
        audit_record(
            hub=partnership.hub,
            actor=actor,
            action=f"hubs.representative_{change}",
            target=partnership,
            label=f"{organisation.name}: {user.display_name}",
            data={"user": user.pk},
        )


def _my_hubs(*, user: Any, **_: Any) -> dict[str, Any]:
    from apps.hubs.selectors import memberships_of

    return {"memberships": memberships_of(user=user)}


def _partner_in(*, organisation: Any, **_: Any) -> dict[str, Any]:
    from apps.hubs.selectors import partnerships_of

    return {"partnerships": partnerships_of(organisation=organisation)}


class HubsConfig(AppConfig):
    name = "apps.hubs"
    label = "hubs"
    verbose_name = _("Hubs")

    def ready(self) -> None:
        from apps.accounts.panels import ME_PAGE
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.hubs import versions
        from apps.organisations.panels import ORGANISATION_PAGE
        from apps.organisations.signals import representatives_changed

        versions.connect()

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
                "hubs.representative_added": _("A partner added a representative"),
                "hubs.representative_removed": _("A partner removed a representative"),
                "hubs.member_leave": _("Left the hub, giving up roles"),
                "hubs.stage_change": _("Changed the hub's stage (being established, active)"),
                "hubs.bounds_change": _("Changed the hub's bounding box"),
            },
        )
        representatives_changed.connect(_record_representatives, dispatch_uid="hubs_record_representatives")
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
