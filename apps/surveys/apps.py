from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _area_surveys(*, hub: Any, area: Any, **_: Any) -> dict[str, Any] | None:
    """An area's page: the surveys and votes of it, the areas below it and its initiatives."""
    from apps.places.panels import items_context
    from apps.surveys.selectors import surveys_in_area

    return items_context(
        [
            {"title": s.title, "url": s.get_absolute_url(), "meta": s.get_status_display()}
            for s in surveys_in_area(area=area)
        ]
    )


def _brief_surveys(area: Any, **_: Any) -> dict[str, Any] | None:
    """The decision brief: surveys and votes in the area, with their public results."""
    from django.utils.translation import gettext, ngettext

    from apps.knowledge.brief import format_number, items_section
    from apps.surveys.selectors import area_results

    rows = []
    for r in area_results(area=area):
        item = r["item"]
        if r["kind"] == "survey":
            detail = ngettext("%(n)s response", "%(n)s responses", r["responses"]) % {"n": r["responses"]}
        elif not r["visible"]:
            detail = gettext("Results are shown when the vote closes.")
        elif r["leading"]:
            detail = ngettext(
                "%(n)s ballot; leading: %(title)s (%(share)s %%)",
                "%(n)s ballots; leading: %(title)s (%(share)s %%)",
                r["ballots"],
            ) % {"n": r["ballots"], "title": r["leading"], "share": format_number(r["share"], 0)}
        else:
            detail = gettext("No ballots yet.")
        rows.append({"title": item.title, "meta": item.get_status_display(), "detail": detail})
    return items_section(rows)


def _brief_groups(area: Any) -> dict[str, Any] | None:
    """The brief's resident-group view (after "What residents said"): who took part in the area
    by group, beside the population; nothing when the hub does not ask about groups."""
    from apps.surveys.selectors import area_groups

    groups = area_groups(area=area)
    return {"groups": groups} if groups else None


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"
    verbose_name = _("Surveys and votes")

    def ready(self) -> None:
        from apps.knowledge.brief import ITEMS_TEMPLATE, BriefSection, register_section

        register_section(
            BriefSection(
                key="resident-groups",
                title=_("Who took part, by resident group"),
                template="surveys/brief_groups.html",
                context=_brief_groups,
                order=55,
            )
        )
        register_section(
            BriefSection(
                key="surveys",
                title=_("Surveys and votes"),
                template=ITEMS_TEMPLATE,
                context=_brief_surveys,
                order=60,
            )
        )
        from apps.core.panels import Panel as AreaPanel
        from apps.places.panels import AREA_ITEMS_TEMPLATE, AREA_MAIN

        AREA_MAIN.register(
            AreaPanel(
                key="surveys",
                title=_("Surveys and votes here"),
                template=AREA_ITEMS_TEMPLATE,
                context=_area_surveys,
                order=40,
            )
        )
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.hubs.panels import HUB_NOW
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.surveys import hub_panels

        HUB_NOW.register(
            Panel(
                key="surveys", template="surveys/panels/hub_now.html", context=hub_panels.open_now, order=10
            )
        )

        INITIATIVE_MAIN.register(
            Panel(key="surveys", template="surveys/includes/initiative_panel.html", order=40)
        )

        register_actions(
            "surveys",
            _("Surveys and votes"),
            {
                "surveys.survey_close": _("Closed a survey"),
                "surveys.vote_close": _("Closed a concept vote"),
            },
        )
