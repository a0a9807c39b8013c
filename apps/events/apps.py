from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"

    def ready(self) -> None:
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_TAKE_PART

        HUB_TAKE_PART.register(
            Link(
                key="events",
                label=_("Events and workshops"),
                url=lambda *, hub, **_: reverse("hubs:events:list", args=[hub.slug]),
                order=40,
            )
        )
