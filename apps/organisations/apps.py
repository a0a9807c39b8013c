from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _my_organisations(*, user: Any, **_: Any) -> dict[str, Any]:
    from apps.organisations.selectors import organisations_of

    return {"organisations": organisations_of(user=user)}


class OrganisationsConfig(AppConfig):
    name = "apps.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from apps.accounts.panels import ME_PAGE
        from apps.core.panels import Panel

        ME_PAGE.register(
            Panel(
                key="organisations",
                title=_("My organisations"),
                template="organisations/panels/me.html",
                context=_my_organisations,
                order=20,
            )
        )
