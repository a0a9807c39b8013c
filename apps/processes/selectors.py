"""Reads for process pages, the initiative panel, other apps and the API.

Every function here uses a fixed number of queries however many phases, deliverables or
initiatives there are (tested in tests/processes/test_queries.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.hubs.models import Hub
from apps.processes import fulfilment
from apps.processes.models import (
    ActivityTemplate,
    Deliverable,
    DeliverableTemplate,
    PhaseRun,
    PhaseStatus,
    PhaseTemplate,
    ProcessRun,
    ProcessTemplate,
)

# Templates ------------------------------------------------------------------------------


def _template_prefetch() -> list[Any]:
    return [
        Prefetch(
            "phases",
            queryset=PhaseTemplate.objects.order_by("position", "pk").prefetch_related(
                Prefetch("activities", queryset=ActivityTemplate.objects.order_by("position", "pk")),
                Prefetch("deliverables", queryset=DeliverableTemplate.objects.order_by("position", "pk")),
            ),
        )
    ]


def library_templates() -> QuerySet[ProcessTemplate]:
    """The shipped templates, each with its phases."""
    return (
        ProcessTemplate.objects.filter(hub__isnull=True)
        .prefetch_related(Prefetch("phases", queryset=PhaseTemplate.objects.order_by("position", "pk")))
        .order_by("key")
    )


def hub_templates(*, hub: Hub) -> QuerySet[ProcessTemplate]:
    """The hub's own copies, each with its phases."""
    return (
        ProcessTemplate.objects.filter(hub=hub)
        .select_related("copied_from")
        .prefetch_related(Prefetch("phases", queryset=PhaseTemplate.objects.order_by("position", "pk")))
        .order_by("key")
    )


def templates_for(*, hub: Hub) -> QuerySet[ProcessTemplate]:
    """Templates a run in `hub` may use: the library and the hub's copies (for choosing)."""
    return ProcessTemplate.objects.filter(Q(hub__isnull=True) | Q(hub=hub)).order_by("source", "key")


def template_get(*, hub: Hub | None, pk: int) -> ProcessTemplate:
    """A library template or one of `hub`'s copies, with everything in it, or 404."""
    scope = Q(hub__isnull=True) | Q(hub=hub) if hub is not None else Q(hub__isnull=True)
    return get_object_or_404(
        ProcessTemplate.objects.filter(scope)
        .select_related("copied_from")
        .prefetch_related(*_template_prefetch()),
        pk=pk,
    )


def library_template_get(*, key: str) -> ProcessTemplate:
    return get_object_or_404(
        ProcessTemplate.objects.filter(hub__isnull=True).prefetch_related(*_template_prefetch()), key=key
    )


def total_days(template: ProcessTemplate) -> int:
    return sum(phase.duration_days for phase in template.phases.all())


# Runs -----------------------------------------------------------------------------------


def _run_queryset() -> QuerySet[ProcessRun]:
    return ProcessRun.objects.select_related(
        "hub", "initiative", "initiative__owner", "template"
    ).prefetch_related(
        Prefetch(
            "phases",
            queryset=PhaseRun.objects.select_related("closed_by")
            .order_by("position")
            .prefetch_related(
                "activities",
                Prefetch(
                    "deliverables",
                    queryset=Deliverable.objects.select_related("done_by", "content_type").order_by(
                        "position", "pk"
                    ),
                ),
            ),
        )
    )


def run_get(*, hub: Hub, pk: int) -> ProcessRun:
    """A run of `hub` with its phases, activities and deliverables, or 404."""
    return get_object_or_404(_run_queryset().filter(hub=hub), pk=pk)


def run_for(initiative: Any) -> ProcessRun | None:
    """The initiative's run (with phases, activities and deliverables), or None."""
    if initiative is None or initiative.pk is None:
        return None
    return _run_queryset().filter(initiative_id=initiative.pk).first()


def establishment_run(*, hub: Hub) -> ProcessRun | None:
    """The hub's own establishment run (H2), or None."""
    return _run_queryset().filter(hub=hub, initiative__isnull=True).first()


def current_phase_names(hub: Hub) -> list[str]:
    """Names of the phases the hub's initiatives are in now, sorted (for the initiatives filter)."""
    names = PhaseRun.objects.filter(run__initiative__hub=hub, status=PhaseStatus.CURRENT).values_list(
        "name", flat=True
    )
    return sorted(set(names.order_by().distinct()))


def in_current_phase(name: str) -> Q:
    """A condition on Initiative: its run has a current phase called `name`."""
    return Q(process_runs__phases__status=PhaseStatus.CURRENT, process_runs__phases__name=name)


def current_phases_for(initiatives: Iterable[Any]) -> dict[int, PhaseRun | None]:
    """{initiative id: its current phase or None}, in one query for any number of initiatives.

    A run whose phases are all closed has no current phase (None).
    """
    ids = [i.pk if hasattr(i, "pk") else int(i) for i in initiatives]
    result: dict[int, PhaseRun | None] = dict.fromkeys(ids)
    if not ids:
        return result
    phases = PhaseRun.objects.filter(run__initiative_id__in=ids, status=PhaseStatus.CURRENT).select_related(
        "run"
    )
    for phase in phases:
        result[phase.run.initiative_id] = phase  # type: ignore[index]
    return result


@dataclass
class Progress:
    phases_total: int = 0
    phases_closed: int = 0
    required_total: int = 0
    required_done: int = 0
    overdue_phases: list[PhaseRun] = field(default_factory=list)
    overdue_deliverables: list[Deliverable] = field(default_factory=list)

    @property
    def phase_percent(self) -> int:
        return round(100 * self.phases_closed / self.phases_total) if self.phases_total else 0

    @property
    def required_percent(self) -> int:
        return round(100 * self.required_done / self.required_total) if self.required_total else 100

    @property
    def is_finished(self) -> bool:
        return self.phases_total > 0 and self.phases_closed == self.phases_total


@dataclass
class Timeline:
    """A run arranged for its page: past, current and coming phases, with progress and flags."""

    run: ProcessRun
    phases: list[PhaseRun]
    past: list[PhaseRun]
    current: PhaseRun | None
    coming: list[PhaseRun]
    progress: Progress
    today: date


def timeline(run: ProcessRun, *, today: date | None = None) -> Timeline:
    """Arrange a run (loaded with `run_get` / `run_for`: no further queries) for display.

    Each phase gets `overdue` and `open_required` set; each deliverable `is_overdue`, and where
    a fulfiller answers for it (`apps.processes.fulfilment`) its `fulfilment`, with `done` as
    the real thing says (in memory only).
    """
    today = today or timezone.localdate()
    phases = list(run.phases.all())
    found = fulfilment.fulfilments(run, [d for phase in phases for d in phase.deliverables.all()])
    progress = Progress(phases_total=len(phases))
    for phase in phases:
        deliverables = list(phase.deliverables.all())
        for deliverable in deliverables:
            deliverable.fulfilment = found.get(deliverable.pk)  # type: ignore[attr-defined]
            if deliverable.fulfilment is not None and phase.status != PhaseStatus.CLOSED:  # type: ignore[attr-defined]
                deliverable.done = deliverable.fulfilment.done  # type: ignore[attr-defined]
        phase.is_late = phase.is_overdue(today)  # type: ignore[attr-defined]
        phase.open_required = [d for d in deliverables if d.required and not d.done]  # type: ignore[attr-defined]
        phase.required_count = sum(1 for d in deliverables if d.required)  # type: ignore[attr-defined]
        if phase.status == PhaseStatus.CLOSED:
            progress.phases_closed += 1
        if phase.is_late:  # type: ignore[attr-defined]
            progress.overdue_phases.append(phase)
        for deliverable in deliverables:
            deliverable.is_late = phase.is_late and not deliverable.done  # type: ignore[attr-defined]
            if deliverable.required:
                progress.required_total += 1
                progress.required_done += int(deliverable.done)
            if deliverable.is_late:  # type: ignore[attr-defined]
                progress.overdue_deliverables.append(deliverable)
    current = next((p for p in phases if p.status == PhaseStatus.CURRENT), None)
    return Timeline(
        run=run,
        phases=phases,
        past=[p for p in phases if p.status == PhaseStatus.CLOSED],
        current=current,
        coming=[p for p in phases if p.status == PhaseStatus.UPCOMING],
        progress=progress,
        today=today,
    )


def run_phases_for_api(*, hub: Hub, initiative_slug: str) -> list[PhaseRun]:
    """The phases of an initiative's run for the API (404 when the initiative is unknown)."""
    from apps.initiatives.models import Initiative

    initiative = get_object_or_404(Initiative, hub=hub, slug=initiative_slug)
    run = run_for(initiative)
    if run is None:
        return []
    return list(run.phases.all())


def runs_of_hub(*, hub: Hub) -> QuerySet[ProcessRun]:
    """Every run in a hub with its current phase, for the processes page."""
    return (
        ProcessRun.objects.filter(hub=hub)
        .select_related("initiative")
        .prefetch_related(
            Prefetch("phases", queryset=PhaseRun.objects.order_by("position"), to_attr="phase_list")
        )
        .order_by("-started_on", "-pk")
    )
