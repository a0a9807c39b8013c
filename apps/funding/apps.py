from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _leads(*, hub: Any, user: Any, **kwargs: Any) -> bool:
    return bool(user.has_perm("funding.change_budget", hub))


class FundingConfig(AppConfig):
    name = "apps.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_STEWARD_LINKS
        from apps.initiatives.panels import INITIATIVE_MAIN

        HUB_STEWARD_LINKS.register(
            Link(
                key="funding",
                label=_("The partnership's budget"),
                url_name="hubs:funding:hub_budget",
                show=_leads,
                order=46,
            )
        )
        INITIATIVE_MAIN.register(
            Panel(key="funding", template="funding/includes/initiative_panel.html", order=55)
        )

        register_actions(
            "funding",
            _("Funding"),
            {
                "funding.cost_line_add": _("Added a cost line"),
                "funding.cost_line_update": _("Changed a cost line"),
                "funding.cost_line_delete": _("Removed a cost line"),
                "funding.source_add": _("Added a funding source"),
                "funding.source_update": _("Changed a funding source"),
                "funding.source_delete": _("Removed a funding source"),
                "funding.campaign_open": _("Opened a funding campaign"),
                "funding.campaign_close": _("Closed a funding campaign"),
                "funding.match_add": _("Added a matched fund"),
                "funding.match_remove": _("Removed a matched fund"),
                "funding.pledge_received": _("Confirmed a pledge as received"),
                "funding.pledge_cancel": _("Cancelled a pledge"),
                "funding.grant_decide": _("Recorded a grant decision"),
            },
        )
