from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_review(*, hub: Any, user: Any = None, **_: Any) -> bool:
    return bool(user is not None and user.has_perm("consolidation.review_overlaps", hub))


class ConsolidationConfig(AppConfig):
    name = "apps.consolidation"
    label = "consolidation"
    verbose_name = _("Overlaps and mergers")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS

        from . import rules  # noqa: F401

        HUB_STEWARD_LINKS.register(
            Link(
                key="consolidation",
                label=_("Overlapping initiatives"),
                url_name="hubs:consolidation:queue",
                show=_can_review,
                order=70,
            )
        )
        register_actions(
            "consolidation",
            _("Consolidation"),
            {
                "consolidation.collaboration_propose": _("Proposed a collaboration"),
                "consolidation.pair_dismiss": _("Dismissed an overlapping pair"),
                "consolidation.merged_away": _("Merged an initiative into another"),
                "consolidation.merged_into": _("Took in a merged initiative"),
            },
        )
