from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "apps.processes"
    label = "processes"

    def ready(self) -> None:
        # Initiatives own the question "which phase is it in?"; processes answers it.
        from apps.initiatives import phases
        from apps.processes import selectors

        phases.register(
            phases.PhaseSource(
                current=selectors.current_phases_for,
                names=selectors.current_phase_names,
                in_phase=selectors.in_current_phase,
            )
        )
