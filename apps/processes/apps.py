from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "apps.processes"
    label = "processes"
    verbose_name = _("Processes")

    def ready(self) -> None:
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_NOTICES, HUB_STEWARD_LINKS
        from apps.initiatives import phases
        from apps.initiatives.panels import INITIATIVE_MAIN
        from apps.processes import selectors

        INITIATIVE_MAIN.register(Panel(key="process", template="processes/panels/initiative.html", order=10))

        HUB_STEWARD_LINKS.register(
            Link(
                key="process-templates",
                label=_("Process templates and runs"),
                url_name="hubs:processes:templates",
                order=30,
            )
        )
        HUB_STEWARD_LINKS.register(
            Link(
                key="establishment",
                label=_("Establishing the hub"),
                url_name="hubs:processes:establishment",
                order=40,
            )
        )
        HUB_NOTICES.register(
            Panel(
                key="establishing",
                template="processes/panels/establishing_notice.html",
                context=lambda *, hub, **_: {} if hub.stage == "establishing" else None,
            )
        )
        register_actions(
            "processes",
            _("Processes"),
            {
                "processes.phase_close": _("Closed a phase"),
                "processes.gate_override": _("Closed a phase with required work still open"),
                "processes.phase_reopen": _("Reopened a phase"),
                "processes.template_copy": _("Copied a process template"),
                "processes.template_edit": _("Edited a process template"),
            },
        )

        # Initiatives own the question "which phase is it in?"; processes answers it.
        phases.register(
            phases.PhaseSource(
                current=selectors.current_phases_for,
                names=selectors.current_phase_names,
                in_phase=selectors.in_current_phase,
            )
        )
