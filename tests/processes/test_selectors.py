"""Timeline, progress and overdue flags; the selectors other apps use, in constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.processes import selectors, services
from tests.processes.conftest import TODAY, finish_required, make_initiative, phase

pytestmark = pytest.mark.django_db


def test_timeline_past_current_coming_and_progress(run, stella, olga):
    finish_required(phase(run, 0), olga)
    services.phase_close(phase_run=phase(run, 0), actor=olga)
    line = selectors.timeline(selectors.run_for(run.initiative), today=TODAY)
    assert [p.position for p in line.past] == [0]
    assert line.current.position == 1
    assert [p.position for p in line.coming] == [2, 3, 4, 5, 6]
    assert (line.progress.phases_closed, line.progress.phases_total) == (1, 7)
    assert line.progress.phase_percent == 14
    assert line.progress.required_done == 2
    assert line.progress.required_total == sum(
        1 for p in run.phases.all() for d in p.deliverables.all() if d.required
    )
    assert line.progress.overdue_phases == []


def test_overdue_phases_and_deliverables_are_flagged(run):
    first = phase(run, 0)
    line = selectors.timeline(
        selectors.run_for(run.initiative), today=first.due_on + datetime.timedelta(days=1)
    )
    assert [p.pk for p in line.progress.overdue_phases] == [first.pk]
    assert {d.key for d in line.progress.overdue_deliverables} == {"group-list", "landowner-contact"}
    assert line.phases[0].is_late and not line.phases[1].is_late


def test_timeline_costs_no_queries_once_loaded(run):
    loaded = selectors.run_for(run.initiative)
    with CaptureQueriesContext(connection) as captured:
        selectors.timeline(loaded)
    assert len(captured) == 0


def test_current_phases_for_many_initiatives_in_one_query(library, oslo, olga, stella):
    initiatives = [make_initiative(oslo, olga, slug=f"initiative-{n}") for n in range(6)]
    for initiative in initiatives[:4]:
        services.process_start(
            subject_initiative=initiative, template=library["stedskaping-6-6"], starts_on=TODAY, actor=stella
        )
    services.phase_close(phase_run=phase(initiatives[1].process_runs.get(), 0), actor=stella, reason="ok")
    with CaptureQueriesContext(connection) as captured:
        current = selectors.current_phases_for(initiatives)
    assert len(captured) == 1
    assert current[initiatives[0].pk].position == 0
    assert current[initiatives[1].pk].position == 1
    assert current[initiatives[4].pk] is None and current[initiatives[5].pk] is None
    assert set(current) == {i.pk for i in initiatives}


def test_run_for(run, initiative, oslo, olga):
    assert selectors.run_for(initiative) == run
    assert selectors.run_for(make_initiative(oslo, olga, slug="no-run")) is None


def test_run_for_is_constant_in_queries(library, oslo, olga, stella):
    def count(template_key: str, slug: str) -> int:
        initiative = make_initiative(oslo, olga, slug=slug)
        services.process_start(
            subject_initiative=initiative, template=library[template_key], starts_on=TODAY, actor=stella
        )
        with CaptureQueriesContext(connection) as captured:
            selectors.timeline(selectors.run_for(initiative))
        return len(captured)

    assert count("new-hub", "small") == count("stedskaping-6-6", "large")
