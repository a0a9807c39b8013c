from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "apps.initiatives"
    label = "initiatives"

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.goals.models import register_taggable
        from apps.hubs.panels import HUB_FIRST_STEPS, HUB_NOW, HUB_TAKE_PART
        from apps.initiatives import hub_panels

        HUB_NOW.register(
            Panel(
                key="initiatives",
                template="initiatives/panels/hub_now.html",
                context=hub_panels.newest,
                order=30,
                extra={
                    "styles": ["vendor/leaflet/leaflet.css"],
                    "scripts": ["vendor/leaflet/leaflet.js", "js/maps.js", "js/initiatives-map.js"],
                },
            )
        )
        HUB_FIRST_STEPS.register(
            Link(
                key="initiative-create",
                label=_("Start an initiative"),
                url_name="hubs:initiatives:create",
                show=hub_panels.can_submit,
                order=20,
            )
        )

        HUB_TAKE_PART.register(
            Link(
                key="initiative-create",
                label=_("Submit an idea for an initiative"),
                url_name="hubs:initiatives:create",
                order=10,
            )
        )
        HUB_TAKE_PART.register(
            Link(
                key="initiative-map",
                label=_("Initiatives on the map"),
                url_name="hubs:initiatives:map",
                order=20,
            )
        )
        register_actions(
            "initiatives",
            _("Initiative teams"),
            {
                "initiatives.team_added": _("Added a person to a team"),
                "initiatives.team_invite": _("Invited someone to a team by e-mail"),
                "initiatives.team_joined": _("Joined a team"),
                "initiatives.team_role": _("Changed a team role"),
                "initiatives.team_removed": _("Took a person out of a team"),
            },
        )

        # rules.py is found by rules' autodiscovery; initiatives can carry goal tags.
        register_taggable("initiatives.initiative")
