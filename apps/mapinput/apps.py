from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_marks(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the map marks in it and the areas below it (by geometry)."""
    from apps.mapinput.selectors import marks_in_area
    from apps.places.panels import items_context

    return items_context(
        [
            {
                "title": m.comment[:80] or m.category.name,
                "url": f"/{hub.slug}/marks/{m.space.key}/?mark={m.pk}",
                "meta": m.category.name,
            }
            for m in marks_in_area(area=area)
        ]
    )


def _brief_marks(area: Any, **_: Any) -> dict[str, Any] | None:
    """The decision brief: how many map marks residents placed in the area, per category."""
    from django.utils.translation import ngettext

    from apps.knowledge.brief import items_section
    from apps.mapinput.selectors import marks_in_area

    counts: dict[str, int] = {}
    for mark in marks_in_area(area=area):
        counts[mark.category.name] = counts.get(mark.category.name, 0) + 1
    rows = [
        {"title": name, "meta": ngettext("%(n)s mark", "%(n)s marks", n) % {"n": n}, "detail": ""}
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return items_section(rows)


class MapinputConfig(AppConfig):
    name = "apps.mapinput"
    label = "mapinput"
    verbose_name = _("Map input")

    def ready(self) -> None:
        from apps.knowledge.brief import ITEMS_TEMPLATE, BriefSection, register_section

        register_section(
            BriefSection(
                key="marks",
                title=_("Map marks by residents"),
                template=ITEMS_TEMPLATE,
                context=_brief_marks,
                order=70,
            )
        )
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="marks",
                title=_("Map marks here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_marks,
                order=35,
            )
        )
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.mapinput.selectors import place_counts
        from apps.participation.summary import register_place_counts

        INITIATIVE_MAIN.register(
            Panel(key="marks", template="mapinput/includes/initiative_panel.html", order=30)
        )

        register_actions(
            "mapinput",
            _("Map input"),
            {
                "mapinput.mark_hide": _("Hid a map mark"),
                "mapinput.mark_show": _("Showed a map mark again"),
                "mapinput.area_categories": _("Gave every area the hub's map categories"),
            },
        )

        # The input summary's "By place" (participation sits below map input and never imports it).
        register_place_counts("mapinput", place_counts)
