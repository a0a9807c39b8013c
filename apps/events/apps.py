from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"

    def ready(self) -> None:
        from apps.core.panels import Link, Panel
        from apps.events import hub_panels
        from apps.hubs.panels import HUB_HEAD, HUB_NOW, HUB_TAKE_PART

        HUB_NOW.register(
            Panel(key="events", template="events/panels/hub_now.html", context=hub_panels.soon, order=20)
        )
        from apps.initiatives.panels import INITIATIVE_HEAD, INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(key="events", template="events/includes/initiative_panel.html", order=50)
        )

        # The calendar feed in <head>: the hub's on its front page, the initiative's on its page.
        for head in (HUB_HEAD, INITIATIVE_HEAD):
            head.register(Panel(key="calendar", template="events/includes/calendar_link.html"))

        HUB_TAKE_PART.register(
            Link(key="events", label=_("Events and workshops"), url_name="hubs:events:list", order=40)
        )
