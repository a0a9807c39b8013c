from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "apps.followup"
    label = "followup"

    def ready(self) -> None:
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS

        HUB_STEWARD_LINKS.register(
            Link(
                key="followup",
                label=_("Follow-up of new ideas"),
                url=lambda *, hub, **_: reverse("hubs:followup:queue", args=[hub.slug]),
                order=10,
            )
        )
