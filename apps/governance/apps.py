from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "apps.governance"
    label = "governance"
    verbose_name = _("Equal ownership")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link
        from apps.hubs.panels import HUB_STEWARD_LINKS, HUB_TAKE_PART

        HUB_TAKE_PART.register(
            Link(
                key="governance",
                label=_("Annual meeting and votes"),
                url_name="hubs:governance:list",
                order=70,
            )
        )
        HUB_STEWARD_LINKS.register(
            Link(
                key="governance",
                label=_("General meetings and ballots"),
                url_name="hubs:governance:manage",
                order=70,
            )
        )
        register_actions(
            "governance",
            _("General meetings"),
            {
                "governance.meeting_open": _("Opened a general meeting"),
                "governance.meeting_close": _("Closed a general meeting"),
                "governance.ballot_open": _("Opened a ballot"),
                "governance.ballot_close": _("Closed a ballot"),
                "governance.motion_decide": _("Decided a motion"),
                "governance.elect": _("Elected people"),
                "governance.draw": _("Settled a tie by drawing lots"),
            },
        )
