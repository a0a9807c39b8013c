"""Two (eight) requests closing the same phase at once: exactly one wins, the rest get a clear
error; the next phase becomes current once. Runs on SQLite and PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.processes import services
from apps.processes.models import PhaseRun
from tests.hubs.test_concurrency import THREADS, at_once, split
from tests.processes.conftest import TODAY, code_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_closing_one_phase_eight_times_at_once_closes_it_once(initiative, library, stella, nora, mailoutbox):
    run = services.process_start(
        subject_initiative=initiative, template=library["stedskaping-6-6"], starts_on=TODAY, actor=stella
    )
    first = run.phases.get(position=0)
    actors = [stella.pk, nora.pk] * (THREADS // 2)

    def close(index: int) -> PhaseRun:
        return services.phase_close(
            phase_run=PhaseRun.objects.get(pk=first.pk),
            actor=User.objects.get(pk=actors[index]),
            reason=f"Closing from request {index}",
        )

    wins, losses = split(at_once(close), PhaseRun)

    assert len(wins) == 1
    assert len(losses) == THREADS - 1
    assert all(type(loss) is ValidationError and code_of(loss) == "already_closed" for loss in losses), losses
    statuses = list(run.phases.order_by("position").values_list("status", flat=True))
    assert statuses[:3] == ["closed", "current", "upcoming"]
    assert statuses.count("current") == 1
    first.refresh_from_db()
    assert first.close_reason == wins[0].close_reason
    # The owner hears once, about the close that stands.
    assert [m.to for m in mailoutbox] == [[initiative.owner.email]]


def test_starting_a_process_eight_times_at_once_starts_one(initiative, library, stella):
    from apps.initiatives.models import Initiative
    from apps.processes.models import ProcessRun, ProcessTemplate

    def start(_index: int) -> ProcessRun:
        return services.process_start(
            subject_initiative=Initiative.objects.get(pk=initiative.pk),
            template=ProcessTemplate.objects.get(pk=library["stedskaping-6-6"].pk),
            starts_on=TODAY,
            actor=User.objects.get(pk=stella.pk),
        )

    wins, losses = split(at_once(start), ProcessRun)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and code_of(loss) == "duplicate" for loss in losses), losses
    assert ProcessRun.objects.filter(initiative=initiative).count() == 1
    assert PhaseRun.objects.filter(run__initiative=initiative).count() == 7
