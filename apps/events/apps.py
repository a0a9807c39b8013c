from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_events(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the events in it, the areas below it and its initiatives."""
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    from apps.events.selectors import events_in_area
    from apps.places.panels import items_context

    return items_context(
        [
            {
                "title": e.title,
                "url": e.get_absolute_url(),
                "meta": date_format(localtime(e.starts_at), "SHORT_DATE_FORMAT"),
            }
            for e in events_in_area(area=area)
        ]
    )


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="events",
                title=_("Events here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_events,
                order=45,
            )
        )
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
