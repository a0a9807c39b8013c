from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _my_suggestions(*, user: Any, **kwargs: Any) -> dict[str, Any] | None:
    """On one's own page: the introductions waiting for an answer, and a link to "Suggested for
    you" in each hub one is an approved member of. The suggestions themselves are ranked on
    that page, not here: My page stays light whatever the number of hubs."""
    from apps.hubs.models import ApplicationStatus
    from apps.hubs.selectors import memberships_of
    from apps.matching.models import Introduction
    from apps.organisations.rules import represented_ids

    if not getattr(user, "is_authenticated", False):
        return None
    hubs = [m.hub for m in memberships_of(user=user) if m.status == ApplicationStatus.APPROVED]
    waiting = list(
        Introduction.objects.filter(status=Introduction.Status.INTRODUCED)
        .filter(user=user)
        .select_related("hub", "initiative")[:20]
    ) + list(
        Introduction.objects.filter(
            status=Introduction.Status.INTRODUCED, organisation_id__in=represented_ids(user)
        ).select_related("hub", "initiative", "organisation")[:20]
    )
    if not hubs and not waiting:
        return None
    return {"hubs": hubs, "waiting": waiting}


def _initiative_needs(*, initiative: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.matching import selectors

    return {"needs": selectors.needs(initiative=initiative)}


def _is_hub_lead(*, hub: Any, user: Any = None, **kwargs: Any) -> bool:
    return user is not None and user.has_perm("matching.view_introductions", hub)


def _is_member(*, hub: Any, user: Any = None, **kwargs: Any) -> bool:
    return user is not None and user.has_perm("matching.view_my_suggestions", hub)


class MatchingConfig(AppConfig):
    name = "apps.matching"
    label = "matching"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from apps.accounts.panels import ME_PAGE
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_STEWARD_LINKS, HUB_TAKE_PART
        from apps.initiatives.panels import INITIATIVE_MAIN

        ME_PAGE.register(
            Panel(key="matching", template="matching/panels/me.html", context=_my_suggestions, order=25)
        )
        INITIATIVE_MAIN.register(
            Panel(
                key="matching",
                template="matching/panels/initiative.html",
                context=_initiative_needs,
                order=78,
            )
        )
        HUB_TAKE_PART.register(
            Link(
                key="matching",
                label=_("Suggested for you"),
                url_name="hubs:matching:mine",
                show=_is_member,
                order=70,
            )
        )
        HUB_STEWARD_LINKS.register(
            Link(
                key="matching",
                label=_("Introductions"),
                url_name="hubs:matching:introductions",
                show=_is_hub_lead,
                order=60,
            )
        )
        register_actions(
            "matching",
            _("Matchmaking"),
            {
                "matching.introduce": _("Introduced someone to an initiative"),
                "matching.accept": _("Accepted an introduction"),
                "matching.decline": _("Declined an introduction"),
            },
        )
