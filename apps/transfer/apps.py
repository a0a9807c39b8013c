from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_transfer(*, hub: Any, user: Any = None, **_: Any) -> bool:
    return bool(user is not None and user.has_perm("transfer.export_hub", hub))


class TransferConfig(AppConfig):
    name = "apps.transfer"
    label = "transfer"
    verbose_name = _("Hub export and import")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS

        HUB_STEWARD_LINKS.register(
            Link(
                key="transfer",
                label=_("Export and import"),
                url_name="hubs:transfer:index",
                show=_can_transfer,
                order=95,
            )
        )

        register_actions(
            "transfer",
            _("Export and import"),
            {
                "transfer.export": _("Started an export of the hub"),
                "transfer.import_start": _("Started importing a hub archive"),
                "transfer.import": _("Imported the hub from an archive"),
            },
        )
