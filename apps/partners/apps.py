from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _initiative_panel(*, initiative: Any, hub: Any, **kwargs: Any) -> dict[str, Any]:
    from apps.partners import selectors

    partners = list(selectors.initiative_partners(initiative=initiative))
    return {
        "partners": partners,
        "totals": selectors.totals(selectors.all_commitments(partners), hub.hourly_rate),
    }


def _hub_partner_list(*, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.partners import selectors

    # The ten who commit the most; every partner's own page in the hub has the rest.
    return {"summary": selectors.hub_summary(hub=hub, limit=10)}


def _organisation_page(*, organisation: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.partners.models import Partner

    hubs = (
        Partner.objects.filter(organisation=organisation)
        .values_list("hub__slug", "hub__name")
        .distinct()
        .order_by("hub__name")
    )
    return {"hubs": list(hubs)} if hubs else None


def _my_commitments(*, user: Any, **kwargs: Any) -> dict[str, Any] | None:
    from apps.partners import selectors

    commitments = selectors.person_commitments(user=user)
    return {"commitments": commitments} if commitments else None


def _brief_partners(area: Any, **_: Any) -> dict[str, Any] | None:
    """The decision brief: the partners of the initiatives in the area, and their roles."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.knowledge.brief import items_section
    from apps.partners.models import Partner

    initiatives = {i.pk: i for i in initiatives_in_area(area=area)}
    partners = (
        Partner.objects.filter(initiative_id__in=list(initiatives))
        .select_related("organisation", "user")
        .order_by("initiative_id", "pk")
    )
    return items_section(
        [
            {
                "title": p.name,
                "meta": p.get_role_display(),
                "detail": initiatives[p.initiative_id].title + (f": {p.role_text}" if p.role_text else "")
                if p.initiative_id is not None
                else p.role_text,
            }
            for p in partners
        ]
    )


def _initiative_brief_partners(*, initiative: Any, **_: Any) -> dict[str, Any] | None:
    """The initiative brief: its partners and what they do."""
    from apps.knowledge.brief import items_section
    from apps.partners.models import Partner

    partners = (
        Partner.objects.filter(initiative=initiative).select_related("organisation", "user").order_by("pk")
    )
    return items_section(
        [{"title": p.name, "meta": p.get_role_display(), "detail": p.role_text} for p in partners]
    )


class PartnersConfig(AppConfig):
    name = "apps.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from apps.core.panels import Panel as BriefPanel
        from apps.initiatives.panels import INITIATIVE_BRIEF
        from apps.knowledge.brief import ITEMS_TEMPLATE as BRIEF_ITEMS

        INITIATIVE_BRIEF.register(
            BriefPanel(
                key="partners",
                title=_("Partners"),
                template=BRIEF_ITEMS,
                context=_initiative_brief_partners,
                order=40,
            )
        )
        from apps.knowledge.brief import ITEMS_TEMPLATE, BriefSection, register_section

        register_section(
            BriefSection(
                key="partners",
                title=_("Partners"),
                template=ITEMS_TEMPLATE,
                context=_brief_partners,
                order=80,
            )
        )
        from apps.accounts.panels import ME_PAGE
        from apps.audit.models import register_actions
        from apps.core.panels import Panel
        from apps.hubs.panels import HUB_PARTNER_LIST
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.organisations.panels import ORGANISATION_PAGE

        INITIATIVE_MAIN.register(
            Panel(
                key="partners",
                template="partners/panels/initiative.html",
                context=_initiative_panel,
                order=75,
            )
        )
        HUB_PARTNER_LIST.register(
            Panel(key="partners", template="partners/panels/hub_partner_list.html", context=_hub_partner_list)
        )
        ORGANISATION_PAGE.register(
            Panel(
                key="partners",
                template="partners/panels/organisation.html",
                context=_organisation_page,
                order=20,
            )
        )
        ME_PAGE.register(
            Panel(key="partners", template="partners/panels/me.html", context=_my_commitments, order=30)
        )
        register_actions(
            "partners",
            _("Partners and commitments"),
            {
                "partners.partner_add": _("Added a partner"),
                "partners.partner_change": _("Changed a partner's role"),
                "partners.partner_remove": _("Took a partner off"),
                "partners.commitment_agree": _("Agreed to a commitment"),
                "partners.commitment_deliver": _("Marked a commitment delivered"),
                "partners.commitment_withdraw": _("Withdrew a commitment"),
            },
        )
