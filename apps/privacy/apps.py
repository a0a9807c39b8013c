from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_hub_lead(*, hub: Any, user: Any = None, **kwargs: Any) -> bool:
    return user is not None and user.has_perm("privacy.change_retention", hub)


class PrivacyConfig(AppConfig):
    name = "apps.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS

        HUB_STEWARD_LINKS.register(
            Link(
                key="privacy",
                label=_("Retention of anonymous input"),
                url_name="privacy_me:retention",
                show=_is_hub_lead,
                order=90,
            )
        )
        register_actions(
            "privacy",
            _("Privacy"),
            {
                "privacy.account_delete": _("A member deleted their account"),
                "privacy.retention_set": _("Changed how long anonymous input metadata is kept"),
            },
        )
