from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _initiative_panel(*, initiative: Any, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    """A completed initiative's case study (published), or the place where its team drafts one
    (the template asks `library.draft_case_study`)."""
    from apps.library import selectors

    if initiative.status != "completed":
        return None
    case_study = selectors.case_study_of(initiative=initiative)
    return {"case_study": case_study}


class LibraryConfig(AppConfig):
    name = "apps.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_TAKE_PART
        from apps.initiatives.panels import INITIATIVE_MAIN

        INITIATIVE_MAIN.register(
            Panel(
                key="library", template="library/panels/initiative.html", context=_initiative_panel, order=95
            )
        )
        HUB_TAKE_PART.register(
            Link(
                key="library",
                label=_("Knowledge library"),
                url_name="hubs:library:index",
                order=80,
            )
        )
        register_actions(
            "library",
            _("Knowledge library"),
            {
                "library.entry_publish": _("Published a library entry"),
                "library.case_study_approve": _("Approved a case study"),
                "library.feed_subscribe": _("Followed a library feed"),
                "library.feed_unsubscribe": _("Stopped following a library feed"),
            },
        )
